package dev.glassbox.sim.programs.python;

/** A dict key or set member: equal and hashed as Python does ({@code 1 == 1.0 == True}). */
record Key(Object value) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && Ops.eq(value, k.value);
    }

    @Override
    public int hashCode() {
        return Ops.hash(value);
    }
}
