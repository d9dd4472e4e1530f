package dev.glassbox.sim.programs.python;

/** break, continue and return, unwinding the Java stack to the loop or call that takes them. */
class Flow extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Flow BREAK = new Flow();
    static final Flow CONTINUE = new Flow();

    Flow() {
        super(null, null, false, false);
    }

    static final class Return extends Flow {
        private static final long serialVersionUID = 1L;
        final transient Object value;

        Return(Object value) {
            this.value = value;
        }
    }
}
