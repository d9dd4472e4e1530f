package dev.glassbox.sim.programs.python;

/** Python's None. */
final class PyNone {
    static final PyNone NONE = new PyNone();

    private PyNone() {}

    @Override
    public String toString() {
        return "None";
    }
}
