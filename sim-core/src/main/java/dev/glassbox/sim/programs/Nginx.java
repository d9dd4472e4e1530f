package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;

final class Nginx {
    private Nginx() {}

    static int main(Sys sys) {
        return 0;
    }
}
