package dev.glassbox.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.Engine;
import dev.glassbox.Hosts;
import dev.glassbox.Result;
import dev.glassbox.daemon.DaemonOptions;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.SimLan;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.swarm.Members;
import dev.glassbox.swarm.Swarm;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Several sim hosts, each with its own sim kernel and Docker daemon, their eth0s on one LAN
 * ({@link SimLan}), one clock and one trace. It starts with one host, the one a lone engine has
 * ({@code glassbox-host}, 10.0.2.15), and behaves exactly as that engine until a second host joins.
 * The front ends hold {@link #engine()}, the first host's engine: the commands typed at it go to the
 * current host ({@code node use}), or to {@code docker -H NAME}'s.
 */
public final class World implements Hosts, AutoCloseable {
    /** How many hosts a world holds at most. */
    public static final int MAX_NODES = 8;

    record Node(String name, SimKernel kernel, Engine engine) {}

    private final long seed;
    private final DaemonOptions options;
    private final Tracer tracer;
    private final SimLan lan;
    private final List<Node> nodes = new ArrayList<>();
    private final NodeCommands commands = new NodeCommands(this);
    private final Swarm swarm;
    private Node current;
    private long booted;

    private World(long seed, DaemonOptions options, boolean captureState) {
        this.seed = seed;
        this.options = options;
        SimKernel first = new SimKernel(seed, Programs::lookup);
        this.tracer = new Tracer(first::currentTimeMillis);
        this.lan = SimLan.around(first);
        current = join(first.info().hostname(), first, captureState);
        this.swarm = new Swarm(seed, () -> nodes.stream().map(n -> new Members.Member(n.name(), address(n), n.engine())).toList(), tracer);
    }

    /** A world of one sim host with the engine's default seed. */
    public static World sim() {
        return new World(Engine.DEFAULT_SEED, DaemonOptions.DEFAULT, true);
    }

    public static World sim(long seed) {
        return new World(seed, DaemonOptions.DEFAULT, true);
    }

    /** {@code captureState} off: no state snapshot at every trace step (benchmarks). */
    public static World sim(long seed, boolean captureState) {
        return new World(seed, DaemonOptions.DEFAULT, captureState);
    }

    /** Every host's daemon started with these options ({@code --storage-driver vfs}). */
    public static World sim(long seed, boolean captureState, DaemonOptions options) {
        return new World(seed, options, captureState);
    }

    /** Every host's daemon started with these options. */
    public static World sim(DaemonOptions options) {
        return new World(Engine.DEFAULT_SEED, options, true);
    }

    /** The first host's engine: what a front end holds and types at. */
    public Engine engine() {
        return nodes.get(0).engine();
    }

    private Node join(String name, SimKernel kernel, boolean captureState) {
        return join(name, kernel, captureState, options);
    }

    private Node join(String name, SimKernel kernel, boolean captureState, DaemonOptions options) {
        Engine engine = Engine.onWorld(kernel, tracer, options, this, captureState);
        kernel.hostTag(() -> nodes.size() > 1 ? name : "");
        Node n = new Node(name, kernel, engine);
        nodes.add(n);
        booted++;
        return n;
    }

    /** Boots a new host on the LAN: its own kernel (seeded apart from the others) and daemon, started with the world's options. */
    Node boot(String name) {
        return boot(name, options);
    }

    /** Boots a new host whose daemon is started with these options. */
    Node boot(String name, DaemonOptions options) {
        // a seed hashed from the world's: seeds a multiple of SplittableRandom's gamma apart would give the same stream, shifted
        long own = new java.util.SplittableRandom(seed + booted).nextLong();
        SimKernel k = lan.boot(name, own, Programs::lookup);
        return join(name, k, false, options);
    }

    /** The options every host's daemon starts with unless {@code node add} says otherwise. */
    DaemonOptions options() {
        return options;
    }

    /** The host's daemon stops its containers, its kernel shuts down, and it leaves the LAN. */
    void remove(Node n) {
        try (Tracer.Span h = tracer.onHost(tag(n.engine()))) {
            n.engine().stopContainers();
        }
        swarm.hostGone(n.engine());
        nodes.remove(n);
        n.engine().close();
    }

    void use(Node n) {
        current = n;
    }

    List<Node> nodes() {
        return nodes;
    }

    Node currentNode() {
        return current;
    }

    Node first() {
        return nodes.get(0);
    }

    Tracer tracer() {
        return tracer;
    }

    Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    static String address(Node n) {
        return SimLan.address(n.kernel());
    }

    @Override
    public List<Engine> all() {
        return nodes.stream().map(Node::engine).toList();
    }

    @Override
    public Engine current() {
        return current.engine();
    }

    @Override
    public Optional<Engine> named(String name) {
        return node(name).map(Node::engine);
    }

    @Override
    public String tag(Engine engine) {
        if (nodes.size() < 2) {
            return "";
        }
        return nodes.stream().filter(n -> n.engine() == engine).map(Node::name).findFirst().orElse("");
    }

    @Override
    public Result swarm(Engine on, List<String> args) {
        return swarm.run(on, args);
    }

    @Override
    public Result node(List<String> args) {
        return commands.run(args);
    }

    /**
     * The first host's state as a lone engine gives it; with more hosts, a {@code world} member adds the LAN,
     * the current host and each host's name and address, and the daemon and kernel state of the hosts after the first.
     */
    @Override
    public JsonNode state() {
        return dev.glassbox.trace.StateModel.render(stateSlots());
    }

    @Override
    public List<dev.glassbox.trace.StateModel.Slot> stateSlots() {
        List<dev.glassbox.trace.StateModel.Slot> slots = new ArrayList<>(first().engine().stateSlots(""));
        if (nodes.size() < 2) {
            return slots;
        }
        slots.add(dev.glassbox.trace.StateModel.Slot.always("/world/lan", () -> SimLan.SUBNET));
        slots.add(dev.glassbox.trace.StateModel.Slot.always("/world/gateway", () -> SimLan.GATEWAY));
        slots.add(dev.glassbox.trace.StateModel.Slot.always("/world/current", () -> current.name()));
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            String at = "/world/nodes/" + i;
            slots.add(dev.glassbox.trace.StateModel.Slot.always(at + "/name", n::name));
            slots.add(dev.glassbox.trace.StateModel.Slot.always(at + "/address", () -> address(n)));
            if (n != first()) {
                for (dev.glassbox.trace.StateModel.Slot s : n.engine().stateSlots(at)) {
                    if (!s.path().equals(at + "/kernel") && !s.path().equals(at + "/time")) {
                        slots.add(s);
                    }
                }
            }
        }
        return slots;
    }

    /** Shuts every host down, the first last. */
    @Override
    public void close() {
        engine().close();
    }

    @Override
    public void closing(Engine engine) {
        if (engine != first().engine()) {
            return;
        }
        for (Node n : new ArrayList<>(nodes.subList(1, nodes.size()))) {
            nodes.remove(n);
            n.engine().close();
        }
    }
}
