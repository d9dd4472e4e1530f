package dev.glassbox.sim.programs;

import dev.glassbox.sim.Program;
import dev.glassbox.sim.programs.busybox.Busybox;
import dev.glassbox.sim.programs.nginx.Nginx;
import dev.glassbox.sim.programs.redis.RedisCli;
import dev.glassbox.sim.programs.redis.RedisServer;
import dev.glassbox.sim.programs.shell.Flavor;
import dev.glassbox.sim.programs.shell.Shell;
import dev.glassbox.sim.programs.stress.Stress;
import java.util.List;
import java.util.Optional;

/**
 * The programs simulated binaries name (see {@code SimBinary}): busybox and its applets, the shells,
 * nginx, redis, stress and python3. Each is written against {@link dev.glassbox.sim.Sys} only.
 */
public final class Programs {
    private Programs() {}

    public static Optional<Program> lookup(String name) {
        switch (name) {
            case "busybox":
                return Optional.of(Busybox::main);
            case "sh":
            case "ash":
                return Optional.of(sys -> Shell.run(sys, Flavor.ASH, sys.argv()));
            case "dash":
                return Optional.of(sys -> Shell.run(sys, Flavor.DASH, sys.argv()));
            case "bash":
                return Optional.of(sys -> Shell.run(sys, Flavor.BASH, sys.argv()));
            case "nginx":
                return Optional.of(Nginx::main);
            case "redis-server":
                return Optional.of(RedisServer::main);
            case "redis-cli":
                return Optional.of(RedisCli::main);
            case "stress":
                return Optional.of(Stress::main);
            case "python3":
            case "python":
                return Optional.of(dev.glassbox.sim.programs.python.Python::main);
            default:
                return Busybox.has(name) ? Optional.of(sys -> Busybox.standalone(sys, name)) : ImagePrograms.lookup(name);
        }
    }

    /** The busybox applet names, sorted. */
    public static List<String> applets() {
        return Busybox.names();
    }
}
