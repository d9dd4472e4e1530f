package dev.glassbox.api;

import dev.glassbox.Progress;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The API layer: every call is recorded as the HTTP request the docker CLI sends for it, and its
 * answer as the status code, before the daemon below does the work.
 */
public final class TracedApi implements Api {
    private static final String V = "/v" + API_VERSION;
    private final Api daemon;
    private final Tracer tracer;
    /** The request line a client really sent, shown instead of the one this layer would write; used once. */
    private String received;

    public TracedApi(Api daemon, Tracer tracer) {
        this.daemon = daemon;
        this.tracer = tracer;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The next call is the answer to this request line as a client sent it over HTTP
     * ({@code GET /v1.47/containers/json HTTP/1.1}): the trace shows it as sent. Null forgets it.
     */
    public void received(String requestLine) {
        this.received = requestLine;
    }

    private <T> T call(String method, String path, int okStatus, String sentence, Supplier<T> body) {
        String line = received != null ? received : method + " " + V + path + " HTTP/1.1";
        received = null;
        String request = line.endsWith(" HTTP/1.1") || line.endsWith(" HTTP/1.0") ? line.substring(0, line.length() - 9) : line;
        try (Tracer.Span s = tracer.open(Layer.API, null, "request", request, sentence, line)) {
            try {
                T result = body.get();
                tracer.note(Layer.API, null, "response", String.valueOf(okStatus), "The daemon answers " + okStatus + ".", "HTTP/1.1 " + okStatus);
                return result;
            } catch (DockerException e) {
                int status = e.kind().httpStatus();
                tracer.note(Layer.API, null, "response", String.valueOf(status), "The daemon answers " + status
                        + (status == 304 ? " (nothing to do)." : ": " + e.getMessage()), "HTTP/1.1 " + status);
                throw e;
            }
        }
    }

    private void run(String method, String path, int okStatus, String sentence, Runnable body) {
        call(method, path, okStatus, sentence, () -> {
            body.run();
            return null;
        });
    }

    @Override
    public VersionInfo version() {
        return call("GET", "/version", 200, "The client asks the daemon for its version.", daemon::version);
    }

    @Override
    public SystemInfo info() {
        return call("GET", "/info", 200, "The client asks the daemon for system-wide information.", daemon::info);
    }

    @Override
    public SwarmInfo swarmInfo() {
        return daemon.swarmInfo(); // part of the same GET /info answer
    }

    @Override
    public PullResult pull(String image, Progress progress) {
        return call("POST", "/images/create?fromImage=" + q(image), 200, "The client asks the daemon to pull " + image + " from its registry.",
                () -> daemon.pull(image, progress));
    }

    @Override
    public PushResult push(String image, Progress progress) {
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > image.lastIndexOf('/');
        String path = "/images/" + (tagged ? image.substring(0, colon) : image) + "/push" + (tagged ? "?tag=" + q(image.substring(colon + 1)) : "");
        return call("POST", path, 200, "The client asks the daemon to upload " + image + " to its registry.",
                () -> daemon.push(image, progress));
    }

    @Override
    public List<ImageSummary> images(boolean all) {
        return call("GET", "/images/json" + (all ? "?all=1" : ""), 200, "The client lists the daemon's images.", () -> daemon.images(all));
    }

    @Override
    public Map<String, Object> inspectImage(String name) {
        return call("GET", "/images/" + name + "/json", 200, "The client asks for everything the daemon knows about image " + name + ".",
                () -> daemon.inspectImage(name));
    }

    @Override
    public List<HistoryItem> history(String name) {
        return call("GET", "/images/" + name + "/history", 200, "The client asks how image " + name + " was built, layer by layer.",
                () -> daemon.history(name));
    }

    @Override
    public void tag(String source, String target) {
        run("POST", "/images/" + source + "/tag?repo=" + q(target), 201, "The client asks the daemon to give image " + source + " another name.",
                () -> daemon.tag(source, target));
    }

    @Override
    public List<Map<String, String>> removeImage(String name, boolean force) {
        return call("DELETE", "/images/" + name + (force ? "?force=1" : ""), 200, "The client asks the daemon to remove image " + name + ".",
                () -> daemon.removeImage(name, force));
    }

    @Override
    public CreateResult create(String name, ContainerConfig config, HostConfig hostConfig) {
        String path = "/containers/create" + (name == null || name.isEmpty() ? "" : "?name=" + q(name));
        return call("POST", path, 201, "The client sends the container's configuration as JSON; the daemon creates the container.",
                () -> daemon.create(name, config, hostConfig));
    }

    @Override
    public CreateResult create(String name, ContainerConfig config, HostConfig hostConfig, NetworkingConfig networking) {
        String path = "/containers/create" + (name == null || name.isEmpty() ? "" : "?name=" + q(name));
        return call("POST", path, 201, "The client sends the container's configuration as JSON, with the names and links it wants on its network;"
                + " the daemon creates the container.", () -> daemon.create(name, config, hostConfig, networking));
    }

    @Override
    public void start(String id) {
        run("POST", "/containers/" + id + "/start", 204, "The client asks the daemon to start " + id + ".", () -> daemon.start(id));
    }

    @Override
    public void stop(String id, Integer timeoutSeconds, String signal) {
        String query = (timeoutSeconds == null ? "" : "?t=" + timeoutSeconds) + (signal == null ? "" : (timeoutSeconds == null ? "?" : "&") + "signal=" + signal);
        run("POST", "/containers/" + id + "/stop" + query, 204, "The client asks the daemon to stop " + id + ".", () -> daemon.stop(id, timeoutSeconds, signal));
    }

    @Override
    public void kill(String id, String signal) {
        run("POST", "/containers/" + id + "/kill" + (signal == null ? "" : "?signal=" + signal), 204,
                "The client asks the daemon to send a signal to " + id + ".", () -> daemon.kill(id, signal));
    }

    @Override
    public void restart(String id, Integer timeoutSeconds) {
        run("POST", "/containers/" + id + "/restart" + (timeoutSeconds == null ? "" : "?t=" + timeoutSeconds), 204,
                "The client asks the daemon to restart " + id + ".", () -> daemon.restart(id, timeoutSeconds));
    }

    @Override
    public void remove(String id, boolean force, boolean volumes) {
        run("DELETE", "/containers/" + id + (force ? "?force=1" : ""), 204, "The client asks the daemon to remove " + id + ".",
                () -> daemon.remove(id, force, volumes));
    }

    @Override
    public void pause(String id) {
        run("POST", "/containers/" + id + "/pause", 204, "The client asks the daemon to freeze " + id + ".", () -> daemon.pause(id));
    }

    @Override
    public void unpause(String id) {
        run("POST", "/containers/" + id + "/unpause", 204, "The client asks the daemon to thaw " + id + ".", () -> daemon.unpause(id));
    }

    @Override
    public List<ContainerSummary> containers(boolean all) {
        return call("GET", "/containers/json" + (all ? "?all=1" : ""), 200, "The client lists the daemon's containers.", () -> daemon.containers(all));
    }

    @Override
    public List<ContainerSummary> containers(boolean all, boolean size) {
        if (!size) {
            return containers(all);
        }
        return call("GET", "/containers/json?" + (all ? "all=1&" : "") + "size=1", 200, "The client lists the daemon's containers with their sizes:"
                + " the daemon adds up the files of each one's writable layer.", () -> daemon.containers(all, true));
    }

    @Override
    public Map<String, Object> inspectContainer(String id) {
        return call("GET", "/containers/" + id + "/json", 200, "The client asks for everything the daemon knows about container " + id + ".",
                () -> daemon.inspectContainer(id));
    }

    @Override
    public Map<String, Object> inspectContainer(String id, boolean size) {
        if (!size) {
            return inspectContainer(id);
        }
        return call("GET", "/containers/" + id + "/json?size=1", 200, "The client asks for everything the daemon knows about container " + id
                + ", and its sizes.", () -> daemon.inspectContainer(id, true));
    }

    @Override
    public List<LogLine> logs(String id, boolean stdout, boolean stderr, String tail, boolean timestamps) {
        return call("GET", "/containers/" + id + "/logs?stdout=" + (stdout ? 1 : 0) + "&stderr=" + (stderr ? 1 : 0) + "&tail=" + (tail == null ? "all" : tail),
                200, "The client asks for what the container's processes wrote to stdout and stderr, which the daemon kept.",
                () -> daemon.logs(id, stdout, stderr, tail, timestamps));
    }

    @Override
    public WaitResult await(String id, String condition) {
        return call("POST", "/containers/" + id + "/wait?condition=" + condition, 200,
                "The client waits until the container stops and the daemon sends its exit status.", () -> daemon.await(id, condition));
    }

    @Override
    public Attachment attach(String id) {
        return call("POST", "/containers/" + id + "/attach?stream=1&stdout=1&stderr=1", 101,
                "The client attaches to the container's output: the connection is upgraded to a raw stream.", () -> daemon.attach(id));
    }

    @Override
    public Attachment attach(String id, AttachOptions o) {
        String query = "stream=1" + (o.stdin() ? "&stdin=1" : "") + (o.stdout() ? "&stdout=1" : "") + (o.stderr() ? "&stderr=1" : "")
                + (o.logs() ? "&logs=1" : "") + (o.detachKeys().isEmpty() ? "" : "&detachKeys=" + q(o.detachKeys()));
        return call("POST", "/containers/" + id + "/attach?" + query, 101, "The client attaches to the container's "
                + (o.stdin() ? "input and output" : "output") + (o.logs() ? ", the logs so far first" : "")
                + ": the connection is upgraded to a raw stream" + (o.stdin() ? " that carries what the user types to the container's stdin." : "."),
                () -> daemon.attach(id, o));
    }

    @Override
    public void resize(String id, int height, int width) {
        call("POST", "/containers/" + id + "/resize?h=" + height + "&w=" + width, 200, "The client tells the daemon its terminal's size, "
                + height + " rows by " + width + " columns; the container's terminal takes it and its foreground processes get SIGWINCH.", () -> {
                    daemon.resize(id, height, width);
                    return null;
                });
    }

    @Override
    public List<ProcessInfo> top(String id) {
        return call("GET", "/containers/" + id + "/top", 200, "The client asks which processes run in " + id + ".", () -> daemon.top(id));
    }

    @Override
    public Stats stats(String id) {
        return call("GET", "/containers/" + id + "/stats?stream=0", 200, "The client asks for the container's resource usage, read from its cgroup.",
                () -> daemon.stats(id));
    }

    @Override
    public List<String> update(String id, UpdateRequest request) {
        return call("POST", "/containers/" + id + "/update", 200, "The client sends new resource limits for " + id
                + "; the daemon writes them to the running container's cgroup.", () -> daemon.update(id, request));
    }

    @Override
    public String execCreate(String id, ExecConfig config) {
        return call("POST", "/containers/" + id + "/exec", 201, "The client asks the daemon to prepare a command to run inside " + id + ".",
                () -> daemon.execCreate(id, config));
    }

    @Override
    public ExecResult execStart(String execId) {
        return call("POST", "/exec/" + execId + "/start", 101, "The client starts the prepared command and reads its output.", () -> daemon.execStart(execId));
    }

    @Override
    public void execStartDetached(String execId) {
        call("POST", "/exec/" + execId + "/start", 200, "The client starts the prepared command in the background ({\"Detach\": true}): the daemon answers once it runs, without waiting for its end.",
                () -> {
                    daemon.execStartDetached(execId);
                    return null;
                });
    }

    @Override
    public Attachment execAttach(String execId) {
        return call("POST", "/exec/" + execId + "/start", 101, "The client starts the prepared command ({\"Detach\": false}) and keeps the"
                + " connection: upgraded to a raw stream, it carries the command's output and the user's input.", () -> daemon.execAttach(execId));
    }

    @Override
    public void execResize(String execId, int height, int width) {
        call("POST", "/exec/" + execId + "/resize?h=" + height + "&w=" + width, 200, "The client tells the daemon its terminal's size, "
                + height + " rows by " + width + " columns, for the command's terminal.", () -> {
                    daemon.execResize(execId, height, width);
                    return null;
                });
    }

    @Override
    public ExecInspect execInspect(String execId) {
        return call("GET", "/exec/" + execId + "/json", 200, "The client asks for the command's exit code.", () -> daemon.execInspect(execId));
    }

    @Override
    public byte[] readFile(String container, String path) {
        return call("GET", "/containers/" + container + "/archive?path=" + q(path), 200,
                "The client asks for a file of the container's filesystem, as docker cp does.", () -> daemon.readFile(container, path));
    }

    @Override
    public List<Change> changes(String id) {
        return call("GET", "/containers/" + id + "/changes", 200, "The client asks which files the container added, changed or deleted: its writable layer.",
                () -> daemon.changes(id));
    }

    @Override
    public String commit(String container, CommitOptions o) {
        String repo = o.reference();
        String tag = "";
        int colon = repo.lastIndexOf(':');
        if (colon > repo.lastIndexOf('/')) {
            tag = repo.substring(colon + 1);
            repo = repo.substring(0, colon);
        }
        String query = "?container=" + q(container) + "&repo=" + q(repo) + "&tag=" + q(tag) + "&comment=" + q(o.comment())
                + "&author=" + q(o.author()) + "&pause=" + (o.pause() ? 1 : 0);
        for (String c : o.changes()) {
            query += "&changes=" + q(c);
        }
        return call("POST", "/commit" + query, 201, "The client asks the daemon to turn the container's writable layer into a new image layer.",
                () -> daemon.commit(container, o));
    }

    @Override
    public String build(BuildRequest r, java.util.function.Consumer<String> output) {
        String query = "?dockerfile=" + q(r.dockerfile()) + (r.noCache() ? "&nocache=1" : "") + (r.quiet() ? "&q=1" : "")
                + (r.target() == null || r.target().isEmpty() ? "" : "&target=" + q(r.target()));
        for (String t : r.tags()) {
            query += "&t=" + q(t);
        }
        return call("POST", "/build" + query, 200, "The client sends the build context as a tar and asks the classic builder to run its Dockerfile.",
                () -> daemon.build(r, output));
    }

    @Override
    public Volume createVolume(String name, Map<String, String> labels) {
        return call("POST", "/volumes/create", 201, "The client asks the daemon for a volume: a directory the daemon owns, outside any container's layers.",
                () -> daemon.createVolume(name, labels));
    }

    @Override
    public Volume createVolume(String name, String driver, Map<String, String> labels) {
        return call("POST", "/volumes/create", 201, "The client asks the daemon for a volume from the " + (driver == null || driver.isEmpty() ? "local" : driver)
                + " volume driver.", () -> daemon.createVolume(name, driver, labels));
    }

    @Override
    public List<Volume> volumes() {
        return call("GET", "/volumes", 200, "The client lists the daemon's volumes.", daemon::volumes);
    }

    @Override
    public Map<String, Object> inspectVolume(String name) {
        return call("GET", "/volumes/" + name, 200, "The client asks for everything the daemon knows about volume " + name + ".",
                () -> daemon.inspectVolume(name));
    }

    @Override
    public void removeVolume(String name, boolean force) {
        run("DELETE", "/volumes/" + name + (force ? "?force=1" : ""), 204, "The client asks the daemon to delete volume " + name + " and its data.",
                () -> daemon.removeVolume(name, force));
    }

    @Override
    public Pruned pruneVolumes(boolean all) {
        return call("POST", "/volumes/prune" + (all ? "?filters=" + q("{\"all\":[\"true\"]}") : ""), 200,
                "The client asks the daemon to delete the volumes no container uses.", () -> daemon.pruneVolumes(all));
    }

    @Override
    public String createNetwork(NetworkCreate request) {
        return call("POST", "/networks/create", 201, "The client asks the daemon for a new " + request.driver() + " network " + request.name() + ".",
                () -> daemon.createNetwork(request));
    }

    @Override
    public List<NetworkSummary> networks() {
        return call("GET", "/networks", 200, "The client lists the daemon's networks.", daemon::networks);
    }

    @Override
    public Map<String, Object> inspectNetwork(String name) {
        return call("GET", "/networks/" + name, 200, "The client asks for everything the daemon knows about network " + name + ".",
                () -> daemon.inspectNetwork(name));
    }

    @Override
    public void removeNetwork(String name) {
        run("DELETE", "/networks/" + name, 204, "The client asks the daemon to remove network " + name + ".", () -> daemon.removeNetwork(name));
    }

    @Override
    public void save(List<String> names, String file) {
        StringBuilder query = new StringBuilder();
        names.forEach(n -> query.append(query.length() == 0 ? "?" : "&").append("names=").append(q(n)));
        run("GET", "/images/get" + query, 200, "The client asks the daemon for the images as one tar archive: an OCI layout with Docker's manifest.json.",
                () -> daemon.save(names, file));
    }

    @Override
    public List<String> load(String file) {
        return call("POST", "/images/load?quiet=1", 200, "The client sends a docker-save tar; the daemon stores its images and their layers.",
                () -> daemon.load(file));
    }

    @Override
    public String importImage(String file, String reference, String message, List<String> changes) {
        return call("POST", "/images/create?fromSrc=-&repo=" + q(reference) + "&message=" + q(message), 200,
                "The client sends a filesystem tarball; the daemon makes it the single layer of a new image.",
                () -> daemon.importImage(file, reference, message, changes));
    }

    @Override
    public void connectNetwork(String network, String container) {
        run("POST", "/networks/" + network + "/connect", 200, "The client asks the daemon to connect " + container + " to network " + network + ".",
                () -> daemon.connectNetwork(network, container));
    }

    @Override
    public void connectNetwork(String network, String container, EndpointSettings settings) {
        run("POST", "/networks/" + network + "/connect", 200, "The client asks the daemon to connect " + container + " to network " + network
                + (settings.aliases().isEmpty() ? "" : ", where it also answers to " + String.join(", ", settings.aliases())) + ".",
                () -> daemon.connectNetwork(network, container, settings));
    }

    @Override
    public void disconnectNetwork(String network, String container) {
        run("POST", "/networks/" + network + "/disconnect", 200, "The client asks the daemon to disconnect " + container + " from network " + network + ".",
                () -> daemon.disconnectNetwork(network, container));
    }

    @Override
    public List<String> pruneNetworks() {
        return call("POST", "/networks/prune", 200, "The client asks the daemon to remove the networks no container uses.", daemon::pruneNetworks);
    }

    @Override
    public void export(String container, String file) {
        run("GET", "/containers/" + container + "/export", 200, "The client asks for the container's filesystem, all layers merged, as one tar.",
                () -> daemon.export(container, file));
    }

    @Override
    public void rename(String id, String newName) {
        run("POST", "/containers/" + id + "/rename?name=" + q(newName), 204, "The client asks the daemon to call container " + id + " " + newName + " from now on.",
                () -> daemon.rename(id, newName));
    }

    @Override
    public Pruned pruneContainers() {
        return call("POST", "/containers/prune", 200, "The client asks the daemon to remove every stopped container.", daemon::pruneContainers);
    }

    @Override
    public Pruned pruneImages(boolean all) {
        String filter = all ? "{\"dangling\":[\"false\"]}" : "{\"dangling\":[\"true\"]}";
        return call("POST", "/images/prune?filters=" + q(filter), 200, all ? "The client asks the daemon to remove every image no container uses."
                : "The client asks the daemon to remove the dangling images: those without a tag that no container uses.", () -> daemon.pruneImages(all));
    }

    @Override
    public Pruned pruneBuildCache(boolean all) {
        return call("POST", "/build/prune" + (all ? "?all=1" : ""), 200, "The client asks the daemon to remove "
                + (all ? "all of the build cache." : "the dangling build cache."), () -> daemon.pruneBuildCache(all));
    }

    @Override
    public PathStat statPath(String container, String path) {
        return call("HEAD", "/containers/" + container + "/archive?path=" + q(path), 200,
                "The client asks what is at " + path + " in the container; the answer comes in the X-Docker-Container-Path-Stat header.",
                () -> daemon.statPath(container, path));
    }

    @Override
    public byte[] archive(String container, String path) {
        return call("GET", "/containers/" + container + "/archive?path=" + q(path), 200,
                "The client asks for " + path + " of the container's filesystem as a tar, as docker cp does.", () -> daemon.archive(container, path));
    }

    @Override
    public void extractArchive(String container, String dir, byte[] tar) {
        run("PUT", "/containers/" + container + "/archive?path=" + q(dir) + "&noOverwriteDirNonDir=true", 200,
                "The client sends a tar for the daemon to unpack into " + dir + " of the container, as docker cp does.",
                () -> daemon.extractArchive(container, dir, tar));
    }

    @Override
    public List<Event> events(long sinceNanos, long untilNanos) {
        // Docker's until is the last instant shown; this API's bound is the first instant left out
        String until = untilNanos == Long.MAX_VALUE ? "" : "&until=" + seconds(untilNanos - 1);
        return call("GET", "/events?since=" + seconds(sinceNanos) + until, 200,
                "The client asks for the daemon's events in a time window: what was created, started, stopped, removed.",
                () -> daemon.events(sinceNanos, untilNanos));
    }

    /** Unix time as the CLI sends it: seconds, and nanoseconds after a dot when there are any. */
    private static String seconds(long nanos) {
        long s = Math.floorDiv(nanos, 1_000_000_000L);
        long n = Math.floorMod(nanos, 1_000_000_000L);
        return n == 0 ? String.valueOf(s) : s + "." + String.format("%09d", n);
    }

    @Override
    public DiskUsage diskUsage() {
        return call("GET", "/system/df", 200, "The client asks how much space images, containers, volumes and the build cache take.", daemon::diskUsage);
    }
}
