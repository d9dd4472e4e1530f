package dev.glassbox;

/**
 * What a command line printed, as the docker CLI would, and its exit status. {@code text} is both
 * streams interleaved in the order they were written, as a terminal shows them.
 */
public record Result(String out, String err, int exitStatus, String text) {
    public Result {
        out = out == null ? "" : out;
        err = err == null ? "" : err;
        text = text == null ? out + err : text;
    }

    public Result(String out, String err, int exitStatus) {
        this(out, err, exitStatus, null);
    }

    public boolean ok() {
        return exitStatus == 0;
    }
}
