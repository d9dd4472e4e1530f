package dev.glassbox.sim.programs.shell;

import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Input;
import dev.glassbox.sim.programs.Io;
import java.nio.charset.StandardCharsets;

/** A shell command's standard streams after its redirections: where builtins write and what children get. */
final class Streams implements Io {
    /** One output destination. */
    interface Sink {
        void write(String text);

        /** What to hand a child process for this stream: null means "the process's own stream of that number". */
        Route route(boolean childStdout);

        /** The same destination seen from a forked child, which inherited our standard streams: its own for ours. */
        default Sink inChild(Sys child) {
            return this;
        }

        /** Whether this is the process's own standard output or error, not a destination the shell holds. */
        default boolean isProcess() {
            return false;
        }
    }

    /** A buffer for a child's output and what to do with it once the child is done. */
    record Route(StringBuilder buffer, Runnable after) {
        void finish() {
            after.run();
        }
    }

    private static final Runnable NOTHING = () -> {};

    static final Sink DISCARD = new Sink() {
        @Override
        public void write(String text) {}

        @Override
        public Route route(boolean childStdout) {
            return new Route(Sys.DEV_NULL, NOTHING);
        }
    };

    final Sink out;
    final Sink err;
    final Input in;

    Streams(Sink out, Sink err, Input in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    static Streams of(Sys sys) {
        return new Streams(proc(sys, false), proc(sys, true), Input.of(sys));
    }

    /** The process's own stdout or stderr. */
    static Sink proc(Sys sys, boolean stderr) {
        return new Sink() {
            @Override
            public void write(String text) {
                if (stderr) {
                    sys.err(text);
                } else {
                    sys.out(text);
                }
            }

            @Override
            public Route route(boolean childStdout) {
                if (childStdout != stderr) {
                    return new Route(null, NOTHING);
                }
                StringBuilder sb = new StringBuilder();
                return new Route(sb, () -> write(sb.toString()));
            }

            @Override
            public Sink inChild(Sys child) {
                return proc(child, stderr);
            }

            @Override
            public boolean isProcess() {
                return true;
            }
        };
    }

    /** Output captured in memory for a command substitution, bounded by what one process may keep ({@link Sys#held}). */
    static Sink buffer(StringBuilder sb, Sys sys) {
        return new Sink() {
            @Override
            public void write(String text) {
                sys.held((long) sb.length() + text.length());
                sb.append(text);
            }

            @Override
            public Route route(boolean childStdout) {
                return new Route(sb, NOTHING);
            }
        };
    }

    /** A file opened by a redirection; every write appends (the redirection already truncated it). */
    static Sink file(Sys sys, String path) {
        return new Sink() {
            @Override
            public void write(String text) {
                if (!text.isEmpty()) {
                    sys.write(path, text.getBytes(StandardCharsets.UTF_8), true);
                }
            }

            @Override
            public Route route(boolean childStdout) {
                StringBuilder sb = new StringBuilder();
                return new Route(sb, () -> write(sb.toString()));
            }
        };
    }

    Streams withOut(Sink s) {
        return new Streams(s, err, in);
    }

    Streams withIn(Input i) {
        return new Streams(out, err, i);
    }

    @Override
    public void out(String text) {
        out.write(text);
    }

    @Override
    public void err(String text) {
        err.write(text);
    }

    @Override
    public Input in() {
        return in;
    }
}
