package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;

final class Stress {
    private Stress() {}

    static int main(Sys sys) {
        return 0;
    }
}
