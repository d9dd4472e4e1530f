package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;

final class RedisServer {
    private RedisServer() {}

    static int main(Sys sys) {
        return 0;
    }
}
