package dev.glassbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The two checks most engine tests make of a command line: it succeeds, or it fails with these words and status. */
public final class EngineAsserts {
    private EngineAsserts() {}

    /** Runs the line and asserts exit status 0, showing the output when it is not. */
    public static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    /** Runs the line and asserts its stderr and exit status. */
    public static void fails(Engine e, String line, int status, String err) {
        Result r = e.run(line);
        assertEquals(err, r.err(), line);
        assertEquals(status, r.exitStatus(), line);
    }
}
