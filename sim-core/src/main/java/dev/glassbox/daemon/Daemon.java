package dev.glassbox.daemon;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.NetworkCreate;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.api.HostConfig;
import dev.glassbox.image.Image;
import dev.glassbox.kernel.HostLayout;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.registry.Registry;
import dev.glassbox.runtime.Libnetwork;
import dev.glassbox.runtime.Runtime;
import dev.glassbox.runtime.Tasks;
import dev.glassbox.kernel.Signals;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** dockerd: the object stores and the operations of the Engine API. */
public final class Daemon implements Api {
    static final String VERSION = "28.2.2";
    /** How long an attached client or an exec waits at most, in virtual time, for a process that never ends. */
    static final long WAIT_CAP_MILLIS = 24L * 3600 * 1000;
    public static final int MAX_CONTAINERS = 10_000;

    final Kernel kernel;
    final Tracer tracer;
    final Images images;
    final Pushes pushes;
    final Runtime runtime;
    final Tasks tasks;
    final Libnetwork libnetwork;
    final Networks networks;
    final Map<String, Container> containers = new LinkedHashMap<>();
    final Lifecycle lifecycle;
    final Creations creations;
    final Execs execs;
    final HealthChecks health;
    final Commits commits;
    final Volumes volumes;
    final MountPlanner mountPlanner;
    final HostsFiles hostsFiles;
    final LegacyLinks links;
    final Transfers transfers;
    final Connections connections;
    private final ClusterAgent cluster = new ClusterAgent(this);
    final Events events;
    final Archives archives;
    final Builds builds;
    /** How dockerd was started ({@code --userns-remap}). */
    final DaemonOptions options;
    /** Where this daemon keeps its things: the kernel's layout, or its remapped root's subtree under it. */
    final HostLayout layout;

    public Daemon(Kernel kernel, Tracer tracer, Registry hub) {
        this(kernel, tracer, hub, DaemonOptions.DEFAULT);
    }

    public Daemon(Kernel kernel, Tracer tracer, Registry hub, DaemonOptions options) {
        this.kernel = kernel;
        this.tracer = tracer;
        this.options = options;
        this.layout = RemappedRoot.layout(kernel, options);
        this.events = new Events(kernel);
        Storage storage = new Storage(kernel, layout, options.storageDriver(), options.usernsRemap(), tracer, edits);
        this.images = new Images(kernel, tracer, hub, storage, events, edits);
        this.pushes = new Pushes(kernel, tracer, hub, images);
        this.runtime = new Runtime(kernel, tracer);
        this.tasks = new Tasks(kernel);
        this.libnetwork = new Libnetwork(kernel);
        this.networks = new Networks(kernel, libnetwork, tracer, events, edits);
        this.lifecycle = new Lifecycle(this);
        this.creations = new Creations(this);
        this.execs = new Execs(this);
        this.health = new HealthChecks(this);
        this.commits = new Commits(this);
        this.volumes = new Volumes(kernel, tracer, layout, options.usernsRemap(), events, edits);
        this.mountPlanner = new MountPlanner(this);
        this.hostsFiles = new HostsFiles(this);
        this.links = new LegacyLinks(this);
        this.transfers = new Transfers(this);
        this.connections = new Connections(this);
        this.archives = new Archives(this);
        this.builds = new Builds(this);
    }

    long now() {
        return kernel.currentTimeMillis();
    }

    String randomHex(int bytes) {
        return HexFormat.of().formatHex(kernel.random(bytes));
    }

    int randomInt(int bound) {
        byte[] b = kernel.random(4);
        int v = ((b[0] & 0x7f) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        return v % bound;
    }

    Container container(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw DockerException.noSuchContainer(String.valueOf(ref));
        }
        String name = ref.startsWith("/") ? ref.substring(1) : ref;
        Container exact = containers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Container c : containers.values()) {
            if (c.id.equals(ref)) {
                return c;
            }
        }
        Container found = null;
        for (Container c : containers.values()) {
            if (c.id.startsWith(ref)) {
                if (found != null) {
                    throw DockerException.notFound("multiple IDs found with provided prefix: " + ref);
                }
                found = c;
            }
        }
        if (found == null) {
            throw DockerException.noSuchContainer(ref);
        }
        return found;
    }

    public List<Container> all() {
        return new ArrayList<>(containers.values());
    }

    // ---- system

    @Override
    public VersionInfo version() {
        return new VersionInfo(VERSION, API_VERSION, "1.24", "linux", "amd64", kernel.info().release(), "go1.24.3", "e6534b4",
                "2025-06-11T00:00:00.000000000+00:00", kernel.name());
    }

    @Override
    public SystemInfo info() {
        return SystemViews.info(this);
    }

    @Override
    public dev.glassbox.api.SwarmInfo swarmInfo() {
        return cluster.swarmInfo();
    }

    @Override
    public List<Event> events(long sinceNanos, long untilNanos) {
        return events.between(sinceNanos, untilNanos);
    }

    @Override
    public DiskUsage diskUsage() {
        return SystemViews.diskUsage(this);
    }

    // ---- images

    @Override
    public PullResult pull(String image, Progress progress) {
        return images.pull(image, progress == null ? Progress.NONE : progress);
    }

    @Override
    public PushResult push(String image, Progress progress) {
        return pushes.push(image, progress == null ? Progress.NONE : progress);
    }

    @Override
    public List<ImageSummary> images(boolean all) {
        Map<String, Integer> counts = new HashMap<>();
        for (Container c : containers.values()) {
            counts.merge(c.image.id().toString(), 1, Integer::sum);
        }
        List<ImageSummary> list = images.list(counts);
        if (!all) {
            // the classic builder's intermediate images (untagged parents of another image) show only with -a, as in Docker
            java.util.Set<String> parents = new java.util.HashSet<>();
            images.byId.values().forEach(s -> parents.add(s.parent()));
            list.removeIf(i -> i.repoTags().isEmpty() && parents.contains(i.id()));
        }
        return list;
    }

    @Override
    public Map<String, Object> inspectImage(String name) {
        return images.inspect(name);
    }

    @Override
    public List<HistoryItem> history(String name) {
        return images.history(name);
    }

    @Override
    public void tag(String source, String target) {
        images.tag(source, target);
    }

    @Override
    public List<Map<String, String>> removeImage(String name, boolean force) {
        return Prunes.removeImage(this, name, force);
    }

    @Override
    public Pruned pruneImages(boolean all) {
        return Prunes.images(this, all);
    }

    @Override
    public Pruned pruneBuildCache(boolean all) {
        return Prunes.buildCache(this);
    }

    @Override
    public void save(List<String> names, String file) {
        transfers.save(names, file);
    }

    @Override
    public List<String> load(String file) {
        return transfers.load(file);
    }

    @Override
    public void export(String container, String file) {
        transfers.export(container(container), file);
    }

    @Override
    public String importImage(String file, String reference, String message, List<String> changes) {
        return transfers.importImage(file, reference, message, changes == null ? List.of() : changes);
    }

    // ---- containers

    @Override
    public CreateResult create(String name, ContainerConfig config, HostConfig hostConfig) {
        return creations.create(name, config, hostConfig);
    }

    @Override
    public CreateResult create(String name, ContainerConfig config, HostConfig hostConfig, dev.glassbox.api.NetworkingConfig networking) {
        return creations.create(name, config, hostConfig, networking);
    }

    /** The daemon stops: what it made ahead of need is removed; containers, images and volumes stay. */
    public void shutdown() {
        images.storage.dropSpare();
    }

    @Override
    public void start(String id) {
        lifecycle.start(container(id));
    }

    @Override
    public void stop(String id, Integer timeoutSeconds, String signal) {
        lifecycle.stop(container(id), timeoutSeconds, signal);
    }

    @Override
    public void kill(String id, String signal) {
        Container c = container(id);
        int sig = signal == null || signal.isEmpty() ? Signals.SIGKILL : Signals.parse(signal);
        if (sig < 0) {
            throw DockerException.invalid("Invalid signal: " + signal);
        }
        if (!c.running()) {
            throw DockerException.conflict("cannot kill container: " + c.name + ": container " + c.id + " is not running");
        }
        lifecycle.signal(c, sig);
    }

    @Override
    public void restart(String id, Integer timeoutSeconds) {
        Container c = container(id);
        if (c.running()) {
            lifecycle.stop(c, timeoutSeconds, null);
        }
        c.manuallyStopped = false;
        lifecycle.start(c);
        events.container(c, "restart");
    }

    @Override
    public void remove(String id, boolean force, boolean volumes) {
        Container c = container(id);
        if (c.running()) {
            if (!force) {
                throw DockerException.conflict("cannot remove container \"/" + c.name + "\": container is " + c.status.word()
                        + ": stop the container before removing or force remove");
            }
            lifecycle.signal(c, Signals.SIGKILL);
            tasks.waitExit(c.pid, 0);
        }
        lifecycle.remove(c);
        if (volumes) {
            VolumeUsers.removeAnonymous(this, c);
        }
    }

    // ---- networks

    /** What swarm mode drives on this node: overlay networks, the load balancer, the services' names. */
    public ClusterAgent cluster() {
        return cluster;
    }

    @Override
    public String createNetwork(NetworkCreate request) {
        return networks.create(request, networks.freeId()).id();
    }

    @Override
    public List<NetworkSummary> networks() {
        return NetworkViews.summaries(networks.byName.values());
    }

    @Override
    public Map<String, Object> inspectNetwork(String name) {
        Network n = networks.get(name);
        return NetworkViews.inspect(n, attached(n), networks, layout);
    }

    @Override
    public void removeNetwork(String name) {
        Network n = networks.get(name);
        networks.remove(n, attached(n));
    }

    @Override
    public void connectNetwork(String network, String container) {
        Container c = container(container);
        connections.connect(networks.forContainer(network, c.config.labels().containsKey("com.docker.swarm.task.id")), c);
    }

    @Override
    public void connectNetwork(String network, String container, dev.glassbox.api.EndpointSettings settings) {
        Container c = container(container);
        connections.connect(networks.forContainer(network, c.config.labels().containsKey("com.docker.swarm.task.id")), c, settings);
    }

    @Override
    public void disconnectNetwork(String network, String container) {
        connections.disconnect(networks.get(network), container(container));
    }

    @Override
    public List<String> pruneNetworks() {
        return Prunes.networks(this);
    }

    /** Running containers with an endpoint on the network. */
    List<Container> attached(Network n) {
        List<Container> out = new ArrayList<>();
        for (Container c : containers.values()) {
            if (c.running() && networks.on(c, n)) {
                out.add(c);
            }
        }
        return out;
    }

    // ---- volumes

    @Override
    public Volume createVolume(String name, Map<String, String> labels) {
        String n = name == null || name.isEmpty() ? randomHex(32) : name;
        return volumes.view(volumes.create(n, labels == null ? Map.of() : labels, Map.of()));
    }

    @Override
    public Volume createVolume(String name, String driver, Map<String, String> labels) {
        String n = name == null || name.isEmpty() ? randomHex(32) : name;
        return volumes.view(volumes.create(n, driver, labels == null ? Map.of() : labels, Map.of()));
    }

    @Override
    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        volumes.all().forEach(v -> out.add(volumes.view(v)));
        return out;
    }

    @Override
    public Map<String, Object> inspectVolume(String name) {
        return volumes.inspect(volumes.get(name));
    }

    @Override
    public void removeVolume(String name, boolean force) {
        volumes.remove(name, force, volumes.byName.containsKey(name) ? VolumeUsers.of(this, name) : List.of());
    }

    @Override
    public Pruned pruneVolumes(boolean all) {
        return VolumeUsers.prune(this, all);
    }

    @Override
    public void rename(String id, String newName) {
        Renames.rename(this, id, newName);
    }

    @Override
    public Pruned pruneContainers() {
        return Prunes.containers(this);
    }

    @Override
    public void pause(String id) {
        lifecycle.pause(container(id), true);
    }

    @Override
    public void unpause(String id) {
        lifecycle.pause(container(id), false);
    }

    @Override
    public List<ContainerSummary> containers(boolean all) {
        return containers(all, false);
    }

    @Override
    public List<ContainerSummary> containers(boolean all, boolean size) {
        List<ContainerSummary> out = new ArrayList<>();
        List<Container> list = all();
        java.util.Collections.reverse(list);
        for (Container c : list) {
            if (all || c.running()) {
                out.add(size ? Sizes.withSizes(Views.summary(c, now(), libnetwork::answersOn), Sizes.of(this, c)) : Views.summary(c, now(), libnetwork::answersOn));
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> inspectContainer(String id) {
        return Views.inspect(container(id), this);
    }

    @Override
    public Map<String, Object> inspectContainer(String id, boolean size) {
        Container c = container(id);
        Map<String, Object> view = Views.inspect(c, this);
        return size ? Sizes.into(view, Sizes.of(this, c)) : view;
    }

    @Override
    public List<LogLine> logs(String id, boolean stdout, boolean stderr, String tail, boolean timestamps) {
        Container c = container(id);
        if (c.hostConfig.logConfig().driver().equals("none")) {
            throw DockerException.unsupported("configured logging driver does not support reading");
        }
        return Views.logs(c, stdout, stderr, tail);
    }

    @Override
    public WaitResult await(String id, String condition) {
        return lifecycle.await(id, condition == null ? "not-running" : condition);
    }

    @Override
    public Attachment attach(String id) {
        return attach(id, AttachOptions.OUTPUT);
    }

    @Override
    public Attachment attach(String id, AttachOptions options) {
        Container c = container(id);
        Attachment a = Attachments.container(c, options);
        events.container(c, "attach");
        return a;
    }

    @Override
    public void resize(String id, int height, int width) {
        Attachments.resize(container(id), height, width);
    }

    @Override
    public List<ProcessInfo> top(String id) {
        Container c = container(id);
        if (!c.running()) {
            throw DockerException.conflict("container " + c.id + " is not running");
        }
        return tasks.ps(c.sandbox);
    }

    @Override
    public Stats stats(String id) {
        Container c = container(id);
        if (!c.running()) {
            return new Stats(c.id, c.name, 0, 0, 0, 0, 0);
        }
        var st = tasks.stats(c.cgroup());
        long limit = st.memoryLimit() > 0 ? st.memoryLimit() : kernel.info().memTotal();
        Map<String, Api.NetCounters> networks = new java.util.TreeMap<>();
        if (c.sandbox != null) {
            libnetwork.counters(c.sandbox).forEach((name, n) -> networks.put(name, new Api.NetCounters(n.rxBytes(), n.rxPackets(), n.txBytes(), n.txPackets())));
        }
        return new Stats(c.id, c.name, st.memoryBytes(), limit, st.pids(), st.cpuUsageMicros(), 0.0, networks);
    }

    @Override
    public List<String> update(String id, dev.glassbox.api.UpdateRequest request) {
        return Updates.update(this, id, request);
    }

    @Override
    public String execCreate(String id, ExecConfig config) {
        return execs.create(container(id), config);
    }

    @Override
    public ExecResult execStart(String execId) {
        return execs.start(execId);
    }

    @Override
    public void execStartDetached(String execId) {
        execs.startDetached(execId);
    }

    @Override
    public Attachment execAttach(String execId) {
        return execs.attach(execId);
    }

    @Override
    public void execResize(String execId, int height, int width) {
        execs.resize(execId, height, width);
    }

    @Override
    public ExecInspect execInspect(String execId) {
        return execs.inspect(execId);
    }

    @Override
    public byte[] readFile(String container, String path) {
        return ContainerFiles.read(kernel, images.storage.driver, container(container), path);
    }

    @Override
    public PathStat statPath(String container, String path) {
        return archives.stat(container(container), path);
    }

    @Override
    public byte[] archive(String container, String path) {
        return archives.archive(container(container), path);
    }

    @Override
    public void extractArchive(String container, String dir, byte[] tar) {
        archives.extract(container(container), dir, tar);
    }

    @Override
    public List<Api.Change> changes(String id) {
        return Changes.traced(this, container(id));
    }

    @Override
    public String build(dev.glassbox.api.BuildRequest request, java.util.function.Consumer<String> output) {
        return builds.build(request, output);
    }

    @Override
    public String commit(String container, CommitOptions options) {
        return commits.commit(container(container), options);
    }

    /** The daemon's objects, for the engine's state view. */
    public Map<String, Object> state() {
        return StateView.of(this);
    }

    /** The parts of the daemon's state edited since the tracer last read them: each edit marks its part. */
    final dev.glassbox.trace.Edits edits = new dev.glassbox.trace.Edits();

    public dev.glassbox.trace.Edits edits() {
        return edits;
    }

    /** One part of {@link #state}, read alone. */
    public Map<String, Object> part(dev.glassbox.trace.StatePart part) {
        return StateView.part(this, part);
    }

    /** Lets restart policies whose delay has passed bring their containers back. */
    public void tick() {
        lifecycle.tick();
        health.tick();
    }

    /** When the daemon next has something to do by itself (a restart's delay ends, a health check is due); Long.MAX_VALUE: nothing. */
    public long nextDue() {
        return Math.min(lifecycle.nextDue(), health.nextDue());
    }

    /** Names of all containers. */
    public List<String> names() {
        return new ArrayList<>(containers.keySet());
    }

    /** Local image names (repository:tag). */
    public List<String> imageNames() {
        List<String> out = new ArrayList<>();
        for (String t : images.tags.keySet()) {
            out.add(dev.glassbox.image.ImageRef.parse(t).familiar());
        }
        return out;
    }

    static DockerException notRunning(Container c) {
        return new DockerException(ErrorKind.CONFLICT, "container " + c.id + " is not running");
    }
}
