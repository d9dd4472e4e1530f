package dev.glassbox;

/** What a command line printed, as the docker CLI would, and its exit status. */
public record Result(String out, String err, int exitStatus) {
    public Result {
        out = out == null ? "" : out;
        err = err == null ? "" : err;
    }

    public boolean ok() {
        return exitStatus == 0;
    }

    /** stdout then stderr, as a terminal shows them when the command writes one after the other. */
    public String text() {
        return out + err;
    }
}
