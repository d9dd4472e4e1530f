package dev.glassbox.daemon;

import dev.glassbox.api.NetworkMode;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.HostConfig;
import dev.glassbox.image.Image;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.Sandbox;
import java.util.ArrayList;
import java.util.List;

/** A container as the daemon keeps it: its configuration, its state, its storage, network and logs. */
final class Container {
    enum Status { CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;
        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final String id;
    String name;
    final long created;
    final ContainerConfig config;
    /** Replaced by {@code docker update} (resources, restart policy). */
    HostConfig hostConfig;
    final Image image;
    final String imageName;
    final List<String> path;
    final String cacheId;
    final List<String> lowerdirs;
    /** Its root filesystem, as the storage driver keeps it. */
    final dev.glassbox.daemon.storage.Rootfs rootfs;
    final String hostname;

    Status status = Status.CREATED;
    int pid;
    int exitCode;
    boolean oomKilled;
    String error = "";
    long startedAt;
    long finishedAt;
    int restartCount;
    /** How many times its process has ended: an attach stream ends at the first end after it began. */
    int stops;
    boolean manuallyStopped;
    boolean removed;
    Sandbox sandbox;

    String ip = "";
    String mac = "";
    String vethHost = "";
    String endpointId = "";
    final List<NatRule> nat = new ArrayList<>();
    final List<Api.LogLine> logs = new ArrayList<>();
    final List<List<Api.LogLine>> attachments = new ArrayList<>();
    /** Where attached clients' input goes: the running process's stdin, or held until it starts. */
    final ContainerStdin stdin = new ContainerStdin();
    /** The terminal's size for the next start (Docker's default until a client resizes it). */
    int ttyRows = 24;
    int ttyCols = 80;

    List<MountPoint> mounts = List.of();
    /** How the traced state last showed it ({@link ContainerView#of}), and the mounts that view was made from. */
    ContainerView view;
    List<MountPoint> viewedMounts;
    /** Networks connected after create, beyond the one of {@code networkMode}. */
    final List<Endpoint> endpoints = new ArrayList<>();
    /** What it asked of each network it is on, by network name: aliases there, legacy links (Docker's EndpointsConfig). */
    final java.util.Map<String, dev.glassbox.api.EndpointSettings> endpointSettings = new java.util.LinkedHashMap<>();
    /** The environment its legacy links gave it at its last start ({@code DB_PORT_6379_TCP_ADDR=…}). */
    List<String> linkEnv = List.of();
    /** State.Health; null while it has never run with a health check. */
    Health health;

    dev.glassbox.kernel.HostLayout layout = dev.glassbox.kernel.HostLayout.DOCKER;

    Container(String id, String name, long created, ContainerConfig config, HostConfig hostConfig, Image image, String imageName,
              List<String> path, dev.glassbox.daemon.storage.Rootfs rootfs, String hostname) {
        this.id = id;
        this.name = name;
        this.created = created;
        this.config = config;
        this.hostConfig = hostConfig;
        this.image = image;
        this.imageName = imageName;
        this.path = List.copyOf(path);
        this.rootfs = rootfs;
        this.cacheId = rootfs.cacheId();
        this.lowerdirs = rootfs.lowerdirs();
        this.hostname = hostname;
    }

    boolean running() {
        return status == Status.RUNNING || status == Status.PAUSED;
    }

    String upperdir() {
        return rootfs.upperdir();
    }

    String workdir() {
        return rootfs.workdir();
    }

    String merged() {
        return rootfs.merged();
    }

    String dir() {
        return layout.dataRoot() + "/containers/" + id;
    }

    String cgroup() {
        return layout.cgroupParent() + "/" + id;
    }

    NetworkMode mode() {
        return hostConfig.mode();
    }

    void log(int stream, long time, String text) {
        // Containers of one image log the same lines (an entrypoint's messages): one copy of each short line.
        Api.LogLine line = new Api.LogLine(stream, time, text.length() <= 256 ? text.intern() : text);
        if (!hostConfig.logConfig().driver().equals("none")) { // --log-driver none keeps nothing; attached clients still get it
            logs.add(line);
        }
        if (logs.size() > 10_000) {
            logs.remove(0);
        }
        for (List<Api.LogLine> a : attachments) {
            a.add(line);
        }
    }
}
