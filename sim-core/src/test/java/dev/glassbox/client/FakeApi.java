package dev.glassbox.client;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.api.HostConfig;
import dev.glassbox.image.ImageRef;
import dev.glassbox.kernel.ProcessInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A scripted daemon: a few images and containers in maps, and a log of the calls the CLI made. */
class FakeApi implements Api {
    static final String ID = "4f9c1e2a7b3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6";

    final List<String> calls = new ArrayList<>();
    final Set<String> images = new HashSet<>();
    final Map<String, String> containers = new LinkedHashMap<>();
    List<LogLine> output = List.of(new LogLine(1, 0, "hello\n"));
    int exitCode = 0;
    String startError;
    ContainerConfig lastConfig;
    HostConfig lastHost;
    String lastCreateName;
    List<ContainerSummary> summaries = new ArrayList<>();
    List<ImageSummary> imageSummaries = new ArrayList<>();
    List<HistoryItem> historyItems = new ArrayList<>();
    Map<String, Object> inspectContainerResult;
    final Map<String, Map<String, Object>> inspectImages = new LinkedHashMap<>();
    List<ProcessInfo> processes = List.of();
    Stats stats;

    void call(String s) {
        calls.add(s);
    }

    @Override
    public VersionInfo version() {
        call("version");
        return new VersionInfo("0.1.0", "1.50", "1.24", "linux", "amd64", "6.1.0-glassbox", "go1.24.3", "abc1234",
                "Thu Jan  1 00:00:00 2025", "sim");
    }

    @Override
    public SystemInfo info() {
        call("info");
        return new SystemInfo("ABCD", 3, 1, 0, 2, 5, "0.1.0", "overlay2", "glassbox sim", "linux", "x86_64", "6.1.0",
                2, 2L * 1024 * 1024 * 1024, "glassbox", "/var/lib/docker", "2", "cgroupfs", "sim", java.util.List.of(), null);
    }

    @Override
    public PullResult pull(String image, Progress progress) {
        call("pull " + image);
        ImageRef ref = ImageRef.parse(image);
        if (ref.repository().equals("nosuch")) {
            throw DockerException.notFound("pull access denied for nosuch, repository does not exist or may require 'docker login'");
        }
        boolean had = !images.add(ref.withDefaultTag().familiar());
        progress.update("a2318d6c47ec", "Pull complete", 1, 1);
        List<LayerStatus> layers = had ? List.of() : List.of(new LayerStatus("a2318d6c47ec", "Pull complete", 100),
                new LayerStatus("sha256:7b4c1f0e2d3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4", "Already exists", 200));
        return new PullResult(image, ref.withDefaultTag().tag(), "sha256:" + "ab".repeat(32), !had, layers);
    }

    @Override
    public PushResult push(String image, Progress progress) {
        call("push " + image);
        return new PushResult("localhost:5000/busybox", "latest", List.of(new LayerStatus("a2318d6c47ec", "Pushed", 100)),
                "sha256:" + "ab".repeat(32), 527, "");
    }

    @Override
    public List<ImageSummary> images(boolean all) {
        call("images " + all);
        return imageSummaries;
    }

    @Override
    public Map<String, Object> inspectImage(String name) {
        call("inspectImage " + name);
        if (!inspectImages.containsKey(name)) {
            throw DockerException.noSuchImage(name);
        }
        return inspectImages.get(name);
    }

    @Override
    public List<HistoryItem> history(String name) {
        call("history " + name);
        return historyItems;
    }

    @Override
    public void tag(String source, String target) {
        call("tag " + source + " " + target);
    }

    @Override
    public List<Map<String, String>> removeImage(String name, boolean force) {
        call("removeImage " + name + " " + force);
        if (!images.remove(name)) {
            throw DockerException.noSuchImage(name);
        }
        return List.of(Map.of("Untagged", name), Map.of("Deleted", "sha256:" + "cd".repeat(32)));
    }

    @Override
    public CreateResult create(String name, ContainerConfig config, HostConfig hostConfig) {
        call("create " + name + " " + config.image());
        String familiar = ImageRef.parse(config.image()).withDefaultTag().familiar();
        if (!images.contains(familiar)) {
            throw DockerException.noSuchImage(familiar);
        }
        lastConfig = config;
        lastHost = hostConfig;
        lastCreateName = name;
        containers.put(name.isEmpty() ? "eager_turing" : name, "created");
        return new CreateResult(ID, List.of());
    }

    @Override
    public void start(String id) {
        call("start " + id);
        if (startError != null) {
            throw DockerException.server(startError);
        }
        container(id);
    }

    private String container(String id) {
        if (id.equals(ID) || containers.containsKey(id)) {
            return id;
        }
        throw DockerException.noSuchContainer(id);
    }

    @Override
    public void stop(String id, Integer timeoutSeconds, String signal) {
        call("stop " + id + " " + timeoutSeconds + " " + signal);
        container(id);
        if ("exited".equals(containers.get(id))) {
            throw new DockerException(ErrorKind.NOT_MODIFIED, "Container already stopped");
        }
        containers.put(id, "exited");
    }

    @Override
    public void kill(String id, String signal) {
        call("kill " + id + " " + signal);
        container(id);
    }

    @Override
    public void restart(String id, Integer timeoutSeconds) {
        call("restart " + id + " " + timeoutSeconds);
        container(id);
    }

    @Override
    public void remove(String id, boolean force, boolean volumes) {
        call("remove " + id + " " + force + " " + volumes);
        container(id);
        if ("running".equals(containers.get(id)) && !force) {
            throw DockerException.conflict("cannot remove container \"/" + id + "\": container is running: stop the container before removing or force remove");
        }
        containers.remove(id);
    }

    @Override
    public void pause(String id) {
        call("pause " + id);
        container(id);
    }

    @Override
    public void unpause(String id) {
        call("unpause " + id);
        container(id);
    }

    @Override
    public List<ContainerSummary> containers(boolean all) {
        call("containers " + all);
        return summaries;
    }

    @Override
    public Map<String, Object> inspectContainer(String id) {
        call("inspectContainer " + id);
        if (inspectContainerResult == null) {
            throw DockerException.noSuchContainer(id);
        }
        return inspectContainerResult;
    }

    @Override
    public List<LogLine> logs(String id, boolean stdout, boolean stderr, String tail, boolean timestamps) {
        call("logs " + id + " " + tail + " " + timestamps);
        container(id);
        return output;
    }

    @Override
    public WaitResult await(String id, String condition) {
        call("await " + id + " " + condition);
        container(id);
        return new WaitResult(exitCode, "");
    }

    @Override
    public Attachment attach(String id) {
        call("attach " + id);
        container(id);
        return new Attachment() {
            @Override
            public List<LogLine> drain() {
                calls.add("drain");
                return output;
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
    }

    @Override
    public List<ProcessInfo> top(String id) {
        call("top " + id);
        container(id);
        return processes;
    }

    @Override
    public Stats stats(String id) {
        call("stats " + id);
        container(id);
        return stats;
    }

    @Override
    public String execCreate(String id, ExecConfig config) {
        call("execCreate " + id + " " + config.cmd());
        container(id);
        return "exec1";
    }

    @Override
    public ExecResult execStart(String execId) {
        call("execStart " + execId);
        return new ExecResult(output, exitCode);
    }

    @Override
    public void execStartDetached(String execId) {
        call("execStartDetached " + execId);
    }

    @Override
    public ExecInspect execInspect(String execId) {
        call("execInspect " + execId);
        return new ExecInspect(execId, ID, false, exitCode, 0);
    }
}
