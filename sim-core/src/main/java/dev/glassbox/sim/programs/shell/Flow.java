package dev.glassbox.sim.programs.shell;

/** Shell control flow that unwinds the interpreter: exit, return, break and continue. */
final class Flow {
    private Flow() {}

    static final class Exit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    static final class Return extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Return(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    static final class Loop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean isBreak;
        int levels;

        Loop(boolean isBreak, int levels) {
            super(null, null, false, false);
            this.isBreak = isBreak;
            this.levels = levels;
        }
    }

    /** An interactive shell's foreground command was ended by Ctrl-C: the rest of the input line is dropped. */
    static final class Interrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Interrupt(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }
}
