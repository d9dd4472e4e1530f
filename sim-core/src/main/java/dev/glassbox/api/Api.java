package dev.glassbox.api;

import dev.glassbox.Progress;
import dev.glassbox.kernel.ProcessInfo;
import java.util.List;
import java.util.Map;

/**
 * The Engine API as typed operations, one per HTTP call: the single door the REPL, the web UI and
 * the HTTP Engine API all enter by. Containers are named by name, full id or unique id prefix;
 * images by reference or id. Failures are {@link DockerException}s in Docker's words.
 */
public interface Api {
    String API_VERSION = "1.50";

    VersionInfo version();

    SystemInfo info();

    /** The swarm part of {@code docker info}: inactive unless the node's daemon is in a swarm. */
    default SwarmInfo swarmInfo() {
        return SwarmInfo.INACTIVE;
    }

    // ---- images

    /** POST /images/create?fromImage=…&tag=… */
    PullResult pull(String image, Progress progress);

    /**
     * POST /images/{name}/push?tag=…: uploads the image's layers, config and manifest. The answer is a
     * stream, as Docker's is: a failure once the push has begun comes back as {@link PushResult#error}.
     */
    PushResult push(String image, Progress progress);

    /** GET /images/json */
    List<ImageSummary> images(boolean all);

    /** GET /images/{name}/json, shaped as Docker's JSON. */
    Map<String, Object> inspectImage(String name);

    /** GET /images/{name}/history */
    List<HistoryItem> history(String name);

    /** POST /images/{source}/tag?repo=…&tag=… */
    void tag(String source, String target);

    /** DELETE /images/{name} */
    List<Map<String, String>> removeImage(String name, boolean force);

    /**
     * GET /images/get?names=…: the images as one docker-save tar, written to {@code file} on the
     * daemon's host (a relative path lands under the data root's {@code files/}; the client here has
     * no disk of its own).
     */
    default void save(List<String> names, String file) {
        throw DockerException.unsupported("glassbox: this API does not save images");
    }

    /** POST /images/load: the images of a docker-save tar at {@code file}; answers Docker's "Loaded image: …" lines. */
    default List<String> load(String file) {
        throw DockerException.unsupported("glassbox: this API does not load images");
    }

    /** POST /images/create?fromSrc=…: a filesystem tarball at {@code file} as a one-layer image; answers its id. */
    default String importImage(String file, String reference, String message, List<String> changes) {
        throw DockerException.unsupported("glassbox: this API does not import images");
    }

    // ---- containers

    /** POST /containers/create?name=… */
    CreateResult create(String name, ContainerConfig config, HostConfig hostConfig);

    /** POST /containers/create?name=… with a NetworkingConfig: aliases and links per network. */
    default CreateResult create(String name, ContainerConfig config, HostConfig hostConfig, NetworkingConfig networking) {
        if (networking != null && !networking.isEmpty()) {
            throw DockerException.unsupported("glassbox: this API takes no network aliases or links");
        }
        return create(name, config, hostConfig);
    }

    /** POST /containers/{id}/start; NOT_MODIFIED when already running. */
    void start(String id);

    /** POST /containers/{id}/stop?t=…&signal=…; NOT_MODIFIED when not running. */
    void stop(String id, Integer timeoutSeconds, String signal);

    /** POST /containers/{id}/kill?signal=… */
    void kill(String id, String signal);

    /** POST /containers/{id}/restart?t=… */
    void restart(String id, Integer timeoutSeconds);

    /** DELETE /containers/{id}?force=…&v=… */
    void remove(String id, boolean force, boolean volumes);

    void pause(String id);

    void unpause(String id);

    /** GET /containers/json?all=… */
    List<ContainerSummary> containers(boolean all);

    /** GET /containers/json?all=…&size=…: with {@code size}, each container's SizeRw and SizeRootFs, which takes the daemon a walk of its files. */
    default List<ContainerSummary> containers(boolean all, boolean size) {
        if (size) {
            throw DockerException.unsupported("glassbox: this API does not measure container sizes");
        }
        return containers(all);
    }

    /** GET /containers/{id}/json, shaped as Docker's JSON. */
    Map<String, Object> inspectContainer(String id);

    /** GET /containers/{id}/json?size=…: with {@code size}, SizeRw and SizeRootFs too. */
    default Map<String, Object> inspectContainer(String id, boolean size) {
        if (size) {
            throw DockerException.unsupported("glassbox: this API does not measure container sizes");
        }
        return inspectContainer(id);
    }

    /** GET /containers/{id}/logs */
    List<LogLine> logs(String id, boolean stdout, boolean stderr, String tail, boolean timestamps);

    /** POST /containers/{id}/wait?condition=not-running|next-exit|removed */
    WaitResult await(String id, String condition);

    /** POST /containers/{id}/attach: collects the container's output from now on. */
    Attachment attach(String id);

    /**
     * POST /containers/{id}/attach?stream=1&stdin=…&stdout=…&stderr=…&logs=…&detachKeys=…: the chosen
     * streams from now on ({@code logs}: what the container printed before, first); with {@code stdin}
     * the attachment's {@link Attachment#write} reaches the container's standard input (it must have
     * been created with {@code OpenStdin}, else Docker drops the input), and on a terminal ({@code Tty})
     * the detach keys typed there end the attachment; without one they are ordinary input, as in Docker.
     * {@code StdinOnce}: {@link Attachment#closeStdin} is end of file for the container when it has no terminal.
     */
    default Attachment attach(String id, AttachOptions options) {
        if (options.stdin() || options.logs()) {
            throw DockerException.unsupported("glassbox: this API cannot attach to a container's input");
        }
        return attach(id);
    }

    /** POST /containers/{id}/resize?h=…&w=…: the size of the container's terminal (created with {@code Tty}). */
    default void resize(String id, int height, int width) {
        throw DockerException.unsupported("glassbox: this API has no terminals");
    }

    /** POST /containers/{id}/rename?name=… */
    default void rename(String id, String newName) {
        throw DockerException.unsupported("glassbox: this API does not rename containers");
    }

    /** POST /containers/prune: every stopped container; answers their ids and the space freed. */
    default Pruned pruneContainers() {
        throw DockerException.unsupported("glassbox: this API does not prune containers");
    }

    /** GET /containers/{id}/top */
    List<ProcessInfo> top(String id);

    /** GET /containers/{id}/stats?stream=false */
    Stats stats(String id);

    /**
     * POST /containers/{id}/update: new resource limits and restart policy, applied to the running
     * container's cgroup at once; the daemon's warnings.
     */
    default List<String> update(String id, UpdateRequest request) {
        throw DockerException.unsupported("glassbox: this API does not update containers");
    }

    /** POST /containers/{id}/exec */
    String execCreate(String id, ExecConfig config);

    /** POST /exec/{id}/start: runs the command to its end. */
    ExecResult execStart(String execId);

    /**
     * POST /exec/{id}/start with {@code "Detach": true} (docker exec -d): starts the command and
     * returns; {@link #execInspect} tells whether it still runs and how it ended.
     */
    void execStartDetached(String execId);

    /**
     * POST /exec/{id}/start with {@code "Detach": false} as the CLI sends it for {@code docker exec -it}
     * (or any exec whose output streams): starts the process and answers its stream at once; what the
     * process prints arrives through {@link Attachment#drain}, its input goes in through
     * {@link Attachment#write} when the exec was created with {@code AttachStdin}. {@link #execInspect}
     * tells when it has ended and with what code.
     */
    default Attachment execAttach(String execId) {
        throw DockerException.unsupported("glassbox: this API cannot stream an exec");
    }

    /** POST /exec/{id}/resize?h=…&w=… */
    default void execResize(String execId, int height, int width) {
        throw DockerException.unsupported("glassbox: this API has no terminals");
    }

    /** GET /exec/{id}/json */
    ExecInspect execInspect(String execId);

    /** GET /containers/{id}/changes: what the container's writable layer adds, changes and deletes. */
    default List<Change> changes(String id) {
        throw DockerException.unsupported("glassbox: this API does not list a container's changes");
    }

    /**
     * GET /containers/{id}/archive?path=…: the bytes of one regular file of the container's filesystem
     * (what {@code docker cp CONTAINER:PATH -} unpacks), running or not; NOT_FOUND "Could not find the file
     * PATH in container NAME" when there is none.
     */
    default byte[] readFile(String container, String path) {
        throw DockerException.unsupported("glassbox: this API does not read containers' files");
    }

    /**
     * HEAD /containers/{id}/archive?path=…: what is at the path (the CLI's {@code docker cp} asks first);
     * NOT_FOUND "Could not find the file PATH in container NAME" when there is nothing.
     */
    default PathStat statPath(String container, String path) {
        throw DockerException.unsupported("glassbox: this API does not read containers' files");
    }

    /** GET /containers/{id}/archive?path=…: the path (a file or a whole directory) as a tar, as {@code docker cp} receives it. */
    default byte[] archive(String container, String path) {
        throw DockerException.unsupported("glassbox: this API does not read containers' files");
    }

    /**
     * PUT /containers/{id}/archive?path=DIR: unpacks a tar into the directory DIR of the container's
     * filesystem (running or not), as {@code docker cp SRC CONTAINER:DIR} sends it.
     */
    default void extractArchive(String container, String dir, byte[] tar) {
        throw DockerException.unsupported("glassbox: this API does not write containers' files");
    }

    /** GET /containers/{id}/export: the container's whole filesystem as a tar, written to {@code file} as {@link #save} does. */
    default void export(String container, String file) {
        throw DockerException.unsupported("glassbox: this API does not export containers");
    }

    /**
     * POST /build: the classic builder runs the Dockerfile in the request's context, step by step, and
     * writes what it prints ({@code Step 1/6 : FROM alpine}, {@code  ---> Running in …}) to {@code output}
     * as it goes; answers the built image's id ({@code sha256:…}). A failing step throws with Docker's
     * words; the steps before it stay in the build cache.
     */
    default String build(BuildRequest request, java.util.function.Consumer<String> output) {
        throw DockerException.unsupported("glassbox: this API does not build images");
    }

    /**
     * POST /commit?container=…&repo=…&tag=…: the container's writable layer becomes a new image layer
     * on top of its image; answers the new image's id ({@code sha256:…}).
     */
    default String commit(String container, CommitOptions options) {
        throw DockerException.unsupported("glassbox: this API does not commit containers");
    }

    // ---- system

    /**
     * GET /events?since=…&until=…: the daemon's events (container create, start, die, destroy, …;
     * network, volume and image events) recorded at or after {@code sinceNanos} and before
     * {@code untilNanos}, oldest first. The daemon keeps the most recent ones.
     */
    default List<Event> events(long sinceNanos, long untilNanos) {
        throw DockerException.unsupported("glassbox: this API records no events");
    }

    /** GET /system/df: the space images, containers, volumes and the build cache take. */
    default DiskUsage diskUsage() {
        throw DockerException.unsupported("glassbox: this API does not measure disk use");
    }

    /** POST /images/prune: dangling images, or with {@code all} every image no container uses. */
    default Pruned pruneImages(boolean all) {
        throw DockerException.unsupported("glassbox: this API does not prune images");
    }

    /** POST /build/prune: BuildKit's build cache, with {@code all} every record, not only the dangling ones. */
    default Pruned pruneBuildCache(boolean all) {
        throw DockerException.unsupported("glassbox: this API does not prune the build cache");
    }

    // ---- volumes

    /** POST /volumes/create: a local volume under the data root; an empty name gets a random one. */
    default Volume createVolume(String name, Map<String, String> labels) {
        throw DockerException.unsupported("glassbox: this API has no volumes");
    }

    /** POST /volumes/create with a Driver: {@code local} (or empty), or a volume plugin's name ({@code glassbox/remote}). */
    default Volume createVolume(String name, String driver, Map<String, String> labels) {
        if (driver == null || driver.isEmpty() || driver.equals("local")) {
            return createVolume(name, labels);
        }
        throw DockerException.notFound("create " + name + ": error looking up volume plugin " + driver + ": plugin \"" + driver + "\" not found");
    }

    /** GET /volumes */
    default List<Volume> volumes() {
        throw DockerException.unsupported("glassbox: this API has no volumes");
    }

    /** GET /volumes/{name}, shaped as Docker's JSON. */
    default Map<String, Object> inspectVolume(String name) {
        throw DockerException.unsupported("glassbox: this API has no volumes");
    }

    /** DELETE /volumes/{name}?force=… */
    default void removeVolume(String name, boolean force) {
        throw DockerException.unsupported("glassbox: this API has no volumes");
    }

    /** POST /volumes/prune: unused anonymous volumes, or every unused one with {@code all}. */
    default Pruned pruneVolumes(boolean all) {
        throw DockerException.unsupported("glassbox: this API has no volumes");
    }

    // ---- networks

    /** POST /networks/create: a user-defined network of the request's driver; an empty subnet gets the next free /16. Answers its id. */
    default String createNetwork(NetworkCreate request) {
        throw DockerException.unsupported("glassbox: this API has no user-defined networks");
    }

    /** A user-defined bridge network. */
    default String createNetwork(String name, String subnet, Map<String, String> labels) {
        return createNetwork(NetworkCreate.bridge(name, subnet, labels));
    }

    /** GET /networks */
    default List<NetworkSummary> networks() {
        throw DockerException.unsupported("glassbox: this API has no user-defined networks");
    }

    /** GET /networks/{id}, shaped as Docker's JSON. */
    default Map<String, Object> inspectNetwork(String name) {
        throw DockerException.unsupported("glassbox: this API has no user-defined networks");
    }

    /** DELETE /networks/{id} */
    default void removeNetwork(String name) {
        throw DockerException.unsupported("glassbox: this API has no user-defined networks");
    }

    /** POST /networks/{id}/connect */
    default void connectNetwork(String network, String container) {
        throw DockerException.unsupported("glassbox: this API has no user-defined networks");
    }

    /** POST /networks/{id}/connect with an EndpointConfig: the container's aliases (and links) on that network. */
    default void connectNetwork(String network, String container, EndpointSettings settings) {
        if (settings != null && !settings.isEmpty()) {
            throw DockerException.unsupported("glassbox: this API takes no network aliases or links");
        }
        connectNetwork(network, container);
    }

    /** POST /networks/{id}/disconnect */
    default void disconnectNetwork(String network, String container) {
        throw DockerException.unsupported("glassbox: this API has no user-defined networks");
    }

    /** POST /networks/prune: the user-defined networks no running container is connected to; answers their names. */
    default List<String> pruneNetworks() {
        throw DockerException.unsupported("glassbox: this API has no user-defined networks");
    }

    // ---- values

    /**
     * Which streams an attach joins; {@code detachKeys} as Docker spells them ({@code ctrl-p,ctrl-q}),
     * empty for the default.
     */
    record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean logs, String detachKeys) {
        public static final AttachOptions OUTPUT = new AttachOptions(false, true, true, false, "");

        public AttachOptions {
            detachKeys = detachKeys == null ? "" : detachKeys;
        }
    }

    /** One of the daemon's events: {@code type} container, image, network, volume; {@code action} create, start, die, …. */
    record Event(String type, String action, String actorId, Map<String, String> attributes, long timeNanos) {
        public Event {
            attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
        }
    }

    /** What HEAD /containers/{id}/archive tells: {@code mode} as Go's os.FileMode bits (directory 1<<31, symlink 1<<27). */
    record PathStat(String name, long size, long mode, long mtimeMillis, String linkTarget) {}

    /**
     * GET /system/df: each kind's objects as the summaries {@code docker system df -v} lists.
     * {@code containerSizes}: container id → SizeRw (its writable layer); {@code volumeSizes} and
     * {@code volumeRefCounts}: volume name → bytes and containers mounting it; {@code imageSharedSizes}:
     * image id → the bytes of its layers that other images share too (Docker's SharedSize).
     */
    record DiskUsage(long layersSize, List<ImageSummary> images, List<ContainerSummary> containers, Map<String, Long> containerSizes,
                     List<Volume> volumes, Map<String, Long> volumeSizes, Map<String, Integer> volumeRefCounts,
                     Map<String, Long> imageSharedSizes) {
        public DiskUsage {
            imageSharedSizes = Map.copyOf(imageSharedSizes);
            images = List.copyOf(images);
            containers = List.copyOf(containers);
            containerSizes = Map.copyOf(containerSizes);
            volumes = List.copyOf(volumes);
            volumeSizes = Map.copyOf(volumeSizes);
            volumeRefCounts = Map.copyOf(volumeRefCounts);
        }
    }

    record NetworkSummary(String id, String name, String driver, String scope, long created, Map<String, String> labels) {}

    /** A volume; {@code createdAt} in epoch milliseconds. */
    record Volume(String name, String driver, String mountpoint, long createdAt, Map<String, String> labels, String scope) {}

    /**
     * What a prune removed and the bytes it freed. {@code deleted}: container ids, volume names, or for
     * an image prune Docker's ImagesDeleted items as the CLI prints them, {@code untagged: REF} or
     * {@code deleted: sha256:…}, in order.
     */
    record Pruned(List<String> deleted, long spaceReclaimed) {
        public Pruned {
            deleted = List.copyOf(deleted);
        }
    }

    /** {@code reference} is REPO[:TAG] or empty for an untagged image; {@code changes} are Dockerfile lines (-c). */
    record CommitOptions(String reference, String comment, String author, List<String> changes, boolean pause) {
        public CommitOptions {
            reference = reference == null ? "" : reference;
            comment = comment == null ? "" : comment;
            author = author == null ? "" : author;
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /** One line of {@code docker diff}: kind 0 modified (C), 1 added (A), 2 deleted (D), as the Engine API numbers them. */
    record Change(String path, int kind) {
        public static final int MODIFIED = 0;
        public static final int ADDED = 1;
        public static final int DELETED = 2;

        public String letter() {
            return switch (kind) {
                case ADDED -> "A";
                case DELETED -> "D";
                default -> "C";
            };
        }
    }

    record VersionInfo(String version, String apiVersion, String minApiVersion, String os, String arch, String kernelVersion,
                       String goVersion, String gitCommit, String buildTime, String kernel) {}

    record SystemInfo(String id, int containers, int running, int paused, int stopped, int images, String serverVersion,
                      String driver, String operatingSystem, String osType, String architecture, String kernelVersion,
                      int ncpu, long memTotal, String name, String dockerRootDir, String cgroupVersion, String cgroupDriver,
                      String kernel, List<String> securityOptions, boolean swapLimit, boolean cpuSet, List<String> warnings,
                      List<List<String>> driverStatus) {
        public SystemInfo {
            securityOptions = securityOptions == null ? List.of() : List.copyOf(securityOptions);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
            driverStatus = driverStatus == null ? null : List.copyOf(driverStatus);
        }

        /** A host with every cgroup control, nothing to warn about, and {@code driverStatus} for its storage driver. */
        public SystemInfo(String id, int containers, int running, int paused, int stopped, int images, String serverVersion,
                          String driver, String operatingSystem, String osType, String architecture, String kernelVersion,
                          int ncpu, long memTotal, String name, String dockerRootDir, String cgroupVersion, String cgroupDriver,
                          String kernel, List<String> securityOptions, List<List<String>> driverStatus) {
            this(id, containers, running, paused, stopped, images, serverVersion, driver, operatingSystem, osType, architecture,
                    kernelVersion, ncpu, memTotal, name, dockerRootDir, cgroupVersion, cgroupDriver, kernel, securityOptions, true, true,
                    List.of(), driverStatus);
        }
    }

    record LayerStatus(String id, String status, long size) {}

    /**
     * {@code repository} as "The push refers to repository [...]" shows it; {@code layers} top layer
     * first; {@code digest} and {@code size} of the manifest pushed; {@code error} empty on success.
     */
    record PushResult(String repository, String tag, List<LayerStatus> layers, String digest, long size, String error) {}

    record PullResult(String reference, String tag, String digest, boolean downloaded, List<LayerStatus> layers) {}

    record ImageSummary(String id, List<String> repoTags, List<String> repoDigests, long created, long size, int containers) {}

    record HistoryItem(String id, long created, String createdBy, long size, String comment) {}

    record CreateResult(String id, List<String> warnings) {}

    record PortView(String ip, int privatePort, Integer publicPort, String type) {}

    /**
     * One container as GET /containers/json lists it. {@code health}: starting, healthy, unhealthy or none (what
     * {@code --filter health=} matches); {@code sizeRw} and {@code sizeRootFs} only when sizes were asked for, else null.
     */
    record ContainerSummary(String id, List<String> names, String image, String imageId, String command, long created,
                            String state, String status, List<PortView> ports, Map<String, String> labels,
                            String health, Long sizeRw, Long sizeRootFs) {
        public ContainerSummary(String id, List<String> names, String image, String imageId, String command, long created,
                                String state, String status, List<PortView> ports, Map<String, String> labels) {
            this(id, names, image, imageId, command, created, state, status, ports, labels, "none", null, null);
        }

        public ContainerSummary {
            health = health == null ? "none" : health;
        }
    }

    /** One chunk of output: stream 1 stdout, 2 stderr. */
    record LogLine(int stream, long timeMillis, String text) {}

    record WaitResult(int statusCode, String error) {}

    /**
     * {@code attachStdin}: the exec's standard input is open for the client ({@code docker exec -i});
     * {@code privileged} ({@code docker exec --privileged}): the process gets every capability.
     */
    record ExecConfig(List<String> cmd, List<String> env, String workingDir, String user, boolean tty, boolean attachStdin,
                      boolean privileged) {
        public ExecConfig(List<String> cmd, List<String> env, String workingDir, String user, boolean tty, boolean attachStdin) {
            this(cmd, env, workingDir, user, tty, attachStdin, false);
        }

        public ExecConfig(List<String> cmd, List<String> env, String workingDir, String user, boolean tty) {
            this(cmd, env, workingDir, user, tty, false);
        }
    }

    record ExecResult(List<LogLine> output, int exitCode) {}

    record ExecInspect(String id, String containerId, boolean running, Integer exitCode, int pid) {}

    record Stats(String id, String name, long memoryUsage, long memoryLimit, long pids, long cpuMicros, double cpuPercent,
                 java.util.Map<String, NetCounters> networks) {
        public Stats {
            networks = networks == null ? java.util.Map.of() : java.util.Map.copyOf(networks);
        }

        public Stats(String id, String name, long memoryUsage, long memoryLimit, long pids, long cpuMicros, double cpuPercent) {
            this(id, name, memoryUsage, memoryLimit, pids, cpuMicros, cpuPercent, java.util.Map.of());
        }

        public long rxBytes() {
            return networks.values().stream().mapToLong(NetCounters::rxBytes).sum();
        }

        public long txBytes() {
            return networks.values().stream().mapToLong(NetCounters::txBytes).sum();
        }
    }

    /** One interface of a container: the Engine API's {@code networks} entry of a stats reading. */
    record NetCounters(long rxBytes, long rxPackets, long txBytes, long txPackets) {}

    /**
     * Output of an attached container (or a streamed exec), gathered as it runs; with a tty every chunk
     * is on stream 1 and holds the terminal's raw bytes. Input, when attached with stdin, goes in
     * through {@link #write}.
     */
    interface Attachment {
        List<LogLine> drain();

        void close();

        /** Bytes for the standard input; the detach keys end the attachment (see {@link #detached}) and are not passed on. */
        default void write(byte[] data) {
            throw DockerException.unsupported("glassbox: this attachment has no input");
        }

        /** The client closed its input (a pipe at its end): end of file on the container's stdin if it is {@code StdinOnce}. */
        default void closeStdin() {}

        /** Whether the client typed the detach keys: the stream ends here and the container runs on. */
        default boolean detached() {
            return false;
        }

        /**
         * Whether the stream has ended because its process did: the container stopped after the attach
         * (Docker closes the attach stream then, even when a restart policy brings it back), or the exec's
         * process exited. {@link #drain} may still hold the last output.
         */
        default boolean ended() {
            return false;
        }

        /** Whether the stream is a terminal's raw bytes (no 8-byte frames over HTTP). */
        default boolean tty() {
            return false;
        }
    }
}
