package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;

/** Where a tool's standard streams go: the process's own, or a shell's redirections when run as a builtin. */
public interface Io {
    void out(String text);

    void err(String text);

    Input in();

    static Io of(Sys sys) {
        Input in = Input.of(sys);
        return new Io() {
            @Override
            public void out(String text) {
                sys.out(text);
            }

            @Override
            public void err(String text) {
                sys.err(text);
            }

            @Override
            public Input in() {
                return in;
            }
        };
    }
}
