package dev.glassbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.api.Api;
import dev.glassbox.api.TracedApi;
import dev.glassbox.client.Cli;
import dev.glassbox.client.Console;
import dev.glassbox.daemon.Daemon;
import dev.glassbox.daemon.DaemonOptions;
import dev.glassbox.daemon.Persistence;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.registry.NetRegistry;
import dev.glassbox.registry.Registries;
import dev.glassbox.registry.Registry;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * glassbox's one entry point: a Docker engine on a kernel (the sim kernel unless told otherwise).
 * {@link #run} takes a command line as a user types it ({@code docker run -d nginx}, several
 * commands joined by {@code &&}, {@code ||} or {@code ;}) and answers as the docker CLI would.
 */
public final class Engine implements AutoCloseable {
    /** The seed of {@link #sim()}: every run of a script gives the same ids, names and output. */
    public static final long DEFAULT_SEED = 0x61A55B0L;
    /** Virtual time that passes before each command line, as if the user took a second to type it. */
    public static final long THINK_MILLIS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final Kernel kernel;
    private final Tracer tracer;
    private final Daemon daemon;
    private final TracedApi api;
    private final Cli cli;
    private final dev.glassbox.shell.Shell shell;

    private final Registry registry;
    /** h-persist: the daemon's state file under the data root; null when the engine keeps its state in memory only (the sim). */
    private final Persistence persistence;
    /** The world this engine's host is part of; null for an engine alone. */
    private final Hosts hosts;

    private Engine(Kernel kernel, Registry registry, boolean captureState) {
        this(kernel, registry, captureState, false);
    }

    private Engine(Kernel kernel, Registry registry, boolean captureState, boolean persistent) {
        this(kernel, registry, captureState, persistent, DaemonOptions.DEFAULT);
    }

    private Engine(Kernel kernel, Registry registry, boolean captureState, boolean persistent, DaemonOptions options) {
        this(kernel, registry, captureState, persistent, options, new Tracer(kernel::currentTimeMillis), null);
    }

    private Engine(Kernel kernel, Registry registry, boolean captureState, boolean persistent, DaemonOptions options, Tracer tracer,
            Hosts hosts) {
        this.kernel = kernel;
        this.registry = registry;
        this.hosts = hosts;
        this.tracer = tracer;
        kernel.trace(tracer);
        this.daemon = new Daemon(kernel, tracer, registry, options);
        this.persistence = persistent ? new Persistence(daemon) : null;
        if (persistence != null) {
            persistence.restore();
        }
        this.api = new TracedApi(persistence != null ? persistence.wrap(daemon) : daemon, tracer);
        this.cli = new Cli(api, kernel::currentTimeMillis, new EnginePump(this, daemon));
        this.shell = new dev.glassbox.shell.Shell(this::runOne, cli::workspace, tracer);
        if (captureState) {
            if (hosts == null) { // one host: its places never change, so the list is made once
                List<dev.glassbox.trace.StateModel.Slot> mine = stateSlots("");
                tracer.captureState(new dev.glassbox.trace.StateModel(() -> mine));
            } else {
                tracer.captureState(new dev.glassbox.trace.StateModel(hosts::stateSlots));
            }
        }
    }

    /** A fresh engine on the sim kernel with the default seed: the same script gives the same output. */
    public static Engine sim() {
        return sim(DEFAULT_SEED);
    }

    public static Engine sim(long seed) {
        return sim(seed, true);
    }

    /** {@code captureState}: record the state changes of every trace step (for stepping back); off for benchmarks. */
    public static Engine sim(long seed, boolean captureState) {
        SimKernel kernel = new SimKernel(seed, Programs::lookup);
        return new Engine(kernel, registries(kernel), captureState);
    }

    /** As {@link #sim(long, boolean)}, with the sim kernel's processes carried by {@code threads}. */
    public static Engine sim(long seed, boolean captureState, dev.glassbox.sim.ProcessThreads threads) {
        SimKernel kernel = new SimKernel(seed, Programs::lookup, threads);
        return new Engine(kernel, registries(kernel), captureState);
    }

    /** The sim kernel under a daemon started with these options ({@code dockerd --userns-remap=default}). */
    public static Engine sim(DaemonOptions options) {
        SimKernel kernel = new SimKernel(DEFAULT_SEED, Programs::lookup);
        return new Engine(kernel, registries(kernel), true, false, options);
    }

    /**
     * An engine on one sim host of a world: the hosts share {@code tracer} (one trace, each step tagged with its host)
     * and the kernels one clock. {@code captureState}: this engine records the world's state at every step (the first host's does).
     */
    public static Engine onWorld(SimKernel kernel, Tracer tracer, DaemonOptions options, Hosts hosts, boolean captureState) {
        return new Engine(kernel, registries(kernel), captureState, false, options, tracer, hosts);
    }

    /** The sim kernel with this seed under a daemon started with these options ({@code --storage-driver vfs}). */
    public static Engine sim(long seed, boolean captureState, DaemonOptions options) {
        SimKernel kernel = new SimKernel(seed, Programs::lookup);
        return new Engine(kernel, registries(kernel), captureState, false, options);
    }

    /** An engine on any kernel implementation (the Linux kernel lives in real-backend). */
    public static Engine on(Kernel kernel) {
        return new Engine(kernel, registries(kernel), true);
    }

    /** The sim's Docker Hub, and a registry on this host (localhost:5000) reached over the kernel's network. */
    private static Registry registries(Kernel kernel) {
        return new Registries(SimHub.standard(), NetRegistry.on(kernel));
    }

    /** An engine on any kernel, pulling from the given registry (the Linux kernel's images are real binaries). */
    public static Engine on(Kernel kernel, Registry registry) {
        return new Engine(kernel, registry, true);
    }

    /** {@code captureState} off: no state snapshot at every trace step (benchmarks). */
    public static Engine on(Kernel kernel, Registry registry, boolean captureState) {
        return new Engine(kernel, registry, captureState);
    }

    /**
     * h-persist: an engine whose daemon keeps its state under the kernel's data root: it comes back from
     * there at start (what an earlier daemon on the same root left), and is written after every API call.
     */
    public static Engine persistent(Kernel kernel, Registry registry, boolean captureState) {
        return new Engine(kernel, registry, captureState, true);
    }

    /** h-persist, with the daemon's options; a remapped daemon keeps its state under its remapped root. */
    public static Engine persistent(Kernel kernel, Registry registry, boolean captureState, DaemonOptions options) {
        return new Engine(kernel, registry, captureState, true, options);
    }

    /** h-persist: what the restore at start did (restored, restarted, removed), empty for an engine in memory. */
    public List<String> restoreNotes() {
        return persistence == null ? List.of() : persistence.notes();
    }

    public Result run(String line) {
        return run(line, Progress.NONE);
    }

    public Result run(String line, Progress progress) {
        return run(line, progress, null);
    }

    /**
     * Units of work the sim kernel's processes did for the last command (a shell command, a write: the count the
     * runaway limit is on); 0 on the Linux kernel. It does not depend on how busy the machine is, as time does.
     */
    public long commandWork() {
        return kernel instanceof SimKernel k ? k.commandWork() : 0;
    }

    /**
     * Runs a command line with the user's console: {@code docker run -it}, {@code attach} and
     * {@code exec -it} read keys from it and write the container's output to it (that output is not
     * in the result); null: no console, as with input redirected.
     */
    public Result run(String line, Progress progress, Console console) {
        if (line == null || line.isBlank() || line.strip().startsWith("#")) {
            return new Result("", "", 0);
        }
        try (Tracer.Span on = tracer.onHost(hosts == null ? "" : hosts.tag(hosts.current()))) {
            pass(THINK_MILLIS);
            if (kernel instanceof SimKernel k) {
                k.newCommand();
            }
            tracer.begin(line.strip(), "The user typed a command line; the docker client reads it.");
            try {
                return chain(line, progress, console);
            } finally {
                tracer.finish();
            }
        }
    }

    /** The commands of a line joined by {@code &&}, {@code ||} and {@code ;}, each run as the connectors say, its words expanded first. */
    private Result chain(String line, Progress progress, Console console) {
        return shell.run(line, progress, console);
    }

    /**
     * Runs a command line as {@link #run} does, but for a checker rather than a user: no trace is kept
     * (the last trace stays the user's) and no think time passes. What the command changes, it changes.
     */
    public Result runQuietly(String line) {
        if (line == null || line.isBlank() || tracer.active()) {
            return new Result("", "", 0);
        }
        return chain(line, Progress.NONE, null);
    }

    /** The docker client's working directory and its files: in memory unless a front end gives it a real one. */
    public dev.glassbox.client.Workspace workspace() {
        return cli.workspace();
    }

    /** The REPL gives the client the user's real working directory; the web page, the session's uploads. */
    public void workspace(dev.glassbox.client.Workspace files) {
        cli.workspace(files);
    }

    /**
     * A regular file on the engine's host, as the host's root would read it (a volume's data under the
     * data root, say); empty when there is none or it is not a regular file. What a teacher's checks
     * look at; nothing is traced.
     */
    public java.util.Optional<byte[]> hostFile(String path) {
        try {
            if (path == null || !path.startsWith("/") || !kernel.fs().exists(path)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(kernel.fs().readFile(path));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * A file the daemon's transfers read or wrote ({@code docker save -o NAME}, {@code load -i NAME}):
     * a relative name is under the data root's {@code files/}, as the API's save and load take it.
     * What an HTTP server hands between a request's body and the daemon. {@code data} null deletes it.
     */
    public void transferFile(String name, byte[] data) {
        String path = kernel.layout().dataRoot() + "/files/" + name;
        if (data == null) {
            if (kernel.fs().exists(path)) {
                kernel.fs().remove(path);
            }
            return;
        }
        kernel.fs().mkdirs(kernel.layout().dataRoot() + "/files");
        kernel.fs().writeFile(path, data);
    }

    /** The bytes of a transfer file (see {@link #transferFile}), or empty. */
    public java.util.Optional<byte[]> transferFile(String name) {
        return hostFile(kernel.layout().dataRoot() + "/files/" + name);
    }

    /** One command of a line, on the host it addresses: the current one, or {@code docker -H NAME}'s; {@code node …} is the world's. */
    private Result runOne(List<String> words, Progress progress, Console console) {
        List<String> args = new ArrayList<>(words);
        boolean docker = !args.isEmpty() && args.get(0).equals("docker");
        if (docker) {
            args.remove(0);
        }
        boolean swarm = docker && !args.isEmpty() && dev.glassbox.swarm.Swarm.COMMANDS.contains(args.get(0));
        if (hosts == null) {
            if (swarm && !(kernel instanceof SimKernel)) {
                return new Result("", "glassbox: swarm mode runs on the sim kernel's world only, not on the " + kernelName() + " kernel\n", 1);
            }
            return runHere(args, docker, progress, console);
        }
        if (!docker && !args.isEmpty() && args.get(0).equals("node")) {
            return hosts.node(args.subList(1, args.size()));
        }
        if (!docker && args.size() == 4 && args.get(0).equals("packet") && args.get(1).equals("trace")) {
            args.set(3, hostAddresses(args.get(3)));
            Optional<Engine> from = hosts.named(args.get(2));
            if (from.isPresent() && from.get().kernel instanceof SimKernel k) {
                String dest = args.get(3);
                int colon = dest.lastIndexOf(':');
                try (Tracer.Span h = tracer.onHost(hosts.tag(from.get()))) {
                    return PacketTrace.fromHost(args.get(2), dest, colon > 0 ? dest.substring(0, colon) : dest,
                            colon > 0 ? dest.substring(colon + 1) : "", k, tracer);
                }
            }
        }
        Engine on = hosts.current();
        if (docker && !args.isEmpty() && HostFlag.is(args.get(0))) {
            HostFlag flag = HostFlag.take(args);
            if (flag.error() != null) {
                return new Result("", flag.error(), flag.error().startsWith("glassbox:") ? 1 : 125);
            }
            on = hosts.named(flag.name()).orElse(null);
            if (on == null) {
                return new Result("", "glassbox: no such node: " + flag.name() + "\n", 1);
            }
        }
        try (Tracer.Span h = tracer.onHost(hosts.tag(on))) {
            if (docker && !args.isEmpty() && dev.glassbox.swarm.Swarm.COMMANDS.contains(args.get(0))) {
                return hosts.swarm(on, args);
            }
            return on.runHere(args, docker, progress, console);
        }
    }

    /** {@code NAME[:PORT]} with NAME a host of the world: its LAN address instead, as the hosts' resolvers would give it. */
    private String hostAddresses(String dest) {
        int colon = dest.lastIndexOf(':');
        String name = colon > 0 ? dest.substring(0, colon) : dest;
        Optional<Engine> e = hosts.named(name);
        if (e.isPresent() && e.get().kernel instanceof SimKernel k) {
            return dev.glassbox.sim.SimLan.address(k) + (colon > 0 ? dest.substring(colon) : "");
        }
        return dest;
    }

    private Result runHere(List<String> args, boolean docker, Progress progress, Console console) {
        if (args.isEmpty()) {
            return new Result("", "docker: 'docker' requires a command; try 'docker run hello'\n", 1);
        }
        if (args.get(0).equals("packet") && !docker) {
            return PacketTrace.run(args, cli, kernel.reportsPacketHops(), tracer, progress);
        }
        String shown = "docker " + String.join(" ", args);
        try (Tracer.Span s = tracer.open(Layer.CLIENT, null, "parse", shown, "The docker CLI parses '" + args.get(0)
                + "' and its flags into Engine API requests.", shown)) {
            try {
                return cli.execute(args, progress, console);
            } catch (RuntimeException e) {
                return new Result("", "glassbox: internal error in '" + shown + "': " + e + "\n", 1);
            }
        }
    }

    /**
     * One request of the HTTP Engine API, as a client sent it, made one trace: its root and its API
     * step show {@code requestLine} exactly ({@code POST /v1.47/containers/create?name=web HTTP/1.1}),
     * and everything the daemon does for it hangs below. Inside another trace it is just a call.
     */
    public <T> T serve(String requestLine, java.util.function.Function<Api, T> call) {
        if (tracer.active()) {
            return call.apply(api);
        }
        if (kernel instanceof SimKernel k) {
            k.newCommand();
        }
        tracer.begin(requestLine, "A client sent this request to the daemon's API socket, as the docker CLI and the SDKs do.");
        try {
            api.received(requestLine);
            return call.apply(api);
        } finally {
            api.received(null);
            tracer.finish();
        }
    }

    /**
     * Lets this much time pass with no command running (virtual time on the sim kernel, none on Linux,
     * where it has passed by itself): processes run, timers fire, exits are handed to the daemon,
     * which restarts or removes what its policies say. What an interactive client or a server calls
     * between its users' requests.
     */
    public void advance(long millis) {
        pass(Math.max(0, millis));
    }

    /**
     * Lets the time pass in steps that stop whenever the daemon has something due (a restart, a health
     * check), so that it happens at its moment on a virtual clock. A clock that does not move when told to
     * idle (the Linux kernel's: time passes by itself) gets one step.
     */
    private void pass(long millis) {
        List<Engine> all = hosts == null ? List.of(this) : hosts.all(); // a world's hosts share one clock: every daemon ticks
        long end = kernel.currentTimeMillis() + millis;
        for (int steps = 0; steps < 100_000; steps++) {
            long now = kernel.currentTimeMillis();
            long due = Long.MAX_VALUE;
            for (Engine e : all) {
                due = Math.min(due, e.daemon.nextDue());
            }
            long step = Math.max(0, Math.min(end, Math.max(now, due)) - now);
            kernel.idle(step);
            for (Engine e : all) {
                try (Tracer.Span h = tracer.onHost(hosts == null ? "" : hosts.tag(e))) {
                    e.daemon.tick();
                }
            }
            if (kernel.currentTimeMillis() >= end || kernel.currentTimeMillis() - now < step) {
                return;
            }
        }
    }

    /** Each trace step of the running command as soon as it is complete (for live views). */
    public void onTraceEvent(java.util.function.Consumer<dev.glassbox.trace.TraceEvent> listener) {
        tracer.onEvent(listener);
    }

    /** The causal tree of the last command line. */
    public Trace lastTrace() {
        return tracer.lastTrace();
    }

    /** The engine's state (daemon objects and kernel objects) as JSON; in a world of several hosts, the world's. */
    public JsonNode state() {
        return hosts == null ? hostState() : hosts.state();
    }

    /** This host's own state (daemon objects and kernel objects) as JSON. */
    public ObjectNode hostState() {
        return dev.glassbox.trace.StateModel.render(stateSlots(""));
    }

    /**
     * This host's state as the places a trace keeps, under {@code prefix}: the kernel's name and the clock, read at
     * every step, and each part of the daemon's and the kernel's objects, read when its owner marked it edited. A
     * kernel that does not report its edits is read whole ({@code /host}) at every step.
     */
    public List<dev.glassbox.trace.StateModel.Slot> stateSlots(String prefix) {
        List<dev.glassbox.trace.StateModel.Slot> slots = new ArrayList<>();
        slots.add(dev.glassbox.trace.StateModel.Slot.always(prefix + "/kernel", kernel::name));
        slots.add(dev.glassbox.trace.StateModel.Slot.always(prefix + "/time", kernel::currentTimeMillis));
        dev.glassbox.trace.Edits mine = daemon.edits();
        dev.glassbox.trace.Edits theirs = kernel.edits();
        for (dev.glassbox.trace.StatePart part : dev.glassbox.trace.StatePart.values()) {
            if (part.owner == dev.glassbox.trace.StatePart.Owner.DAEMON) {
                slots.add(new dev.glassbox.trace.StateModel.Slot(prefix + part.path(), () -> mine.take(part), () -> daemon.part(part), this));
            } else if (theirs != dev.glassbox.trace.Edits.UNREPORTED) {
                slots.add(new dev.glassbox.trace.StateModel.Slot(prefix + part.path(), () -> theirs.take(part), () -> kernel.part(part), this));
            }
        }
        if (theirs == dev.glassbox.trace.Edits.UNREPORTED) {
            slots.add(dev.glassbox.trace.StateModel.Slot.always(prefix + "/host", kernel::state));
        }
        return slots;
    }

    public Api api() {
        return api;
    }

    /** The node's daemon as swarm mode drives it (overlay networks, load balancing), outside the Engine API. */
    public dev.glassbox.daemon.ClusterAgent clusterAgent() {
        return daemon.cluster();
    }

    /** Names of all containers (of the current host), for completion. */
    public List<String> containerNames() {
        if (hosts != null && hosts.current() != this) {
            return hosts.current().containerNames();
        }
        return daemon.names();
    }

    /** repository:tag of local images and the catalog's repositories, for completion. */
    public List<String> imageNames() {
        TreeSet<String> names = new TreeSet<>(daemon.imageNames());
        names.addAll(registry.references());
        return new ArrayList<>(names);
    }

    /** Names of all volumes, for completion. */
    public List<String> volumeNames() {
        List<String> out = new ArrayList<>();
        daemon.volumes().forEach(v -> out.add(v.name()));
        return out;
    }

    /** Names of all networks, for completion. */
    public List<String> networkNames() {
        List<String> out = new ArrayList<>();
        daemon.networks().forEach(n -> out.add(n.name()));
        return out;
    }

    /** The kernel's clock in epoch milliseconds (virtual on the sim kernel). */
    public long currentTimeMillis() {
        return kernel.currentTimeMillis();
    }

    /** {@code sim} or {@code linux}. */
    public String kernelName() {
        return kernel.name();
    }

    /** How many containers this host's daemon has, running or not. */
    public int containerCount() {
        return daemon.names().size();
    }

    /** The host's daemon stops its running containers, as dockerd does when it shuts down (each with its stop timeout). */
    public void stopContainers() {
        for (dev.glassbox.api.Api.ContainerSummary c : api.containers(false)) {
            api.stop(c.id(), null, null);
        }
    }

    @Override
    public void close() {
        if (hosts != null) {
            hosts.closing(this);
        }
        try {
            daemon.shutdown();
            if (persistence != null) {
                kernel.idle(0); // h-persist: hands over exits the kernel saw since the last command,
                persistence.save(); // so a container that ended by itself is kept with its own status
            }
        } finally {
            kernel.close();
        }
    }
}
