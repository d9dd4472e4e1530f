package dev.glassbox.world;

import dev.glassbox.Result;
import dev.glassbox.daemon.DaemonOptions;
import dev.glassbox.sim.SimLan;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.Tracer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code node add NAME}, {@code node ls}, {@code node use NAME}, {@code node rm NAME}: the hosts of the world
 * at the prompt. The trace's sentences about hosts joining and leaving are here.
 */
final class NodeCommands {
    static final String USAGE = """
            usage: node add NAME     a new sim host on the LAN, with its own kernel and daemon
                     [--storage-driver DRIVER]  its daemon's storage driver (overlay2, vfs)
                   node ls           the hosts, their LAN addresses and containers (* the current one)
                   node use NAME     the next commands go to this host's daemon
                   node rm NAME      stop its containers and shut the host down
            """;
    /** A hostname as RFC 1123 has it: dot-separated labels of letters, digits and '-', not starting or ending with '-'. */
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final World world;

    NodeCommands(World world) {
        this.world = world;
    }

    Result run(List<String> args) {
        String sub = args.isEmpty() ? "" : args.get(0);
        int want = sub.equals("ls") ? 1 : 2;
        if (sub.equals("add") && args.size() == 4 && args.get(2).equals("--storage-driver")) {
            return add(args.get(1), args.get(3));
        }
        if (!List.of("add", "ls", "use", "rm").contains(sub) || args.size() != want) {
            return new Result("", USAGE, 2);
        }
        return switch (sub) {
            case "add" -> add(args.get(1), null);
            case "ls" -> ls();
            case "use" -> use(args.get(1));
            default -> rm(args.get(1));
        };
    }

    /** {@code driver}: the new daemon's {@code --storage-driver}, null for the world's. */
    private Result add(String name, String driver) {
        if (!HOSTNAME.matcher(name).matches() || name.length() > 253) {
            return fail("glassbox: invalid node name \"" + name + "\": a hostname is letters, digits and '-' (labels of at most 63,"
                    + " not starting or ending with '-'), joined by dots");
        }
        if (world.node(name).isPresent()) {
            return fail("glassbox: node " + name + " already exists");
        }
        if (world.nodes().size() >= World.MAX_NODES) {
            return fail("glassbox: the world already has " + World.MAX_NODES + " nodes, its limit: remove one with 'node rm NAME' first");
        }
        DaemonOptions options;
        try {
            options = driver == null ? world.options() : world.options().withStorageDriver(driver);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        World.Node n = world.boot(name, options);
        Tracer t = world.tracer();
        try (Tracer.Span h = t.onHost(name)) {
            t.did(Layer.KERNEL, Subsystem.NETWORK, "node add", name, "A new sim host " + name + " boots with its own kernel and Docker"
                    + " daemon" + (driver == null ? "" : " (dockerd --storage-driver " + options.storageDriver().id() + ")")
                    + "; its eth0 joins the LAN " + SimLan.SUBNET + " as " + World.address(n) + ", where the other hosts reach it.",
                    "ip addr add " + World.address(n) + "/24 dev eth0 && ip link set eth0 up");
        }
        return new Result(name + "\n", "", 0);
    }

    private Result ls() {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"NAME", "ADDRESS", "CONTAINERS"});
        for (World.Node n : world.nodes()) {
            rows.add(new String[] {n.name() + (n == world.currentNode() ? " *" : ""), World.address(n),
                    String.valueOf(n.engine().containerCount())});
        }
        int[] width = new int[2];
        for (String[] r : rows) {
            width[0] = Math.max(width[0], r[0].length());
            width[1] = Math.max(width[1], r[1].length());
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append(String.format("%-" + (width[0] + 3) + "s%-" + (width[1] + 3) + "s%s%n", r[0], r[1], r[2]));
        }
        return new Result(out.toString(), "", 0);
    }

    private Result use(String name) {
        World.Node n = world.node(name).orElse(null);
        if (n == null) {
            return fail("glassbox: no such node: " + name);
        }
        world.use(n);
        return new Result(name + "\nCurrent node is now \"" + name + "\"\n", "", 0);
    }

    private Result rm(String name) {
        World.Node n = world.node(name).orElse(null);
        if (n == null) {
            return fail("glassbox: no such node: " + name);
        }
        if (n == world.first()) {
            return fail("glassbox: node " + name + " is the first host, the one this session started on: it cannot be removed");
        }
        if (n == world.currentNode()) {
            return fail("glassbox: node " + name + " is the current node: 'node use' another one first");
        }
        Tracer t = world.tracer();
        String address = World.address(n);
        world.remove(n);
        t.did(Layer.KERNEL, Subsystem.NETWORK, "node rm", name, "The host " + name + " shut down: its daemon stopped its containers,"
                + " its kernel ended every process, and " + address + " no longer answers on the LAN.", "shutdown -h now   (on " + name + ")");
        return new Result(name + "\n", "", 0);
    }

    private static Result fail(String line) {
        return new Result("", line + "\n", 1);
    }
}
