package dev.glassbox.sim.programs.python;

/** range(start, stop, step). */
record PyRange(long start, long stop, long step) {
    long length() {
        if (step > 0) {
            return start < stop ? (stop - start + step - 1) / step : 0;
        }
        return start > stop ? (start - stop - step - 1) / -step : 0;
    }

    long get(long i) {
        return start + i * step;
    }
}
