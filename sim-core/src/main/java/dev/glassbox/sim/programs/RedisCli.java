package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;

final class RedisCli {
    private RedisCli() {}

    static int main(Sys sys) {
        return 0;
    }
}
