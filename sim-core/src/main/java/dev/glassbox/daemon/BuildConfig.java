package dev.glassbox.daemon;

import dev.glassbox.image.Digest;
import dev.glassbox.image.Healthcheck;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The run config a build stage carries from step to step (moby's {@code dispatchState.runConfig}):
 * what each metadata instruction changes and every commit copies into the new image's config.
 */
final class BuildConfig {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    String architecture = "amd64";
    String os = "linux";
    final Map<String, String> env = new LinkedHashMap<>();
    List<String> entrypoint;
    List<String> cmd;
    String workingDir = "";
    String user = "";
    final TreeSet<String> exposedPorts = new TreeSet<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    String stopSignal = "";
    final LinkedHashSet<String> volumes = new LinkedHashSet<>();
    Healthcheck healthcheck;
    List<String> shell;
    /** This stage's ONBUILD triggers (a base image's are run at the stage's start, never inherited). */
    final List<String> onBuild = new ArrayList<>();
    List<HistoryEntry> history = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();

    /** A stage's start: the base image's config, or for {@code scratch} an empty one with the default PATH. */
    static BuildConfig of(ImageConfig base) {
        BuildConfig c = new BuildConfig();
        if (base == null) {
            c.putEnv(DEFAULT_PATH);
            return c;
        }
        c.architecture = base.architecture();
        c.os = base.os();
        base.env().forEach(c::putEnv);
        if (!c.env.containsKey("PATH")) {
            c.putEnv(DEFAULT_PATH);
        }
        c.entrypoint = base.entrypoint();
        c.cmd = base.cmd();
        c.workingDir = base.workingDir();
        c.user = base.user();
        c.exposedPorts.addAll(base.exposedPorts());
        c.labels.putAll(base.labels());
        c.stopSignal = base.stopSignal();
        c.volumes.addAll(base.volumes());
        c.healthcheck = base.healthcheck();
        c.shell = base.shell();
        c.history = new ArrayList<>(base.history());
        c.diffIds = new ArrayList<>(base.diffIds());
        return c;
    }

    void putEnv(String kv) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        } else {
            env.put(kv, "");
        }
    }

    List<String> envList() {
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** The SHELL that wraps shell-form commands and the {@code #(nop)} comments. */
    List<String> shellOrDefault() {
        return shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell;
    }

    /** The image config after one more step: {@code layer} its diff id, or null for a step that only changes metadata. */
    ImageConfig next(long created, String createdBy, Digest layer) {
        List<HistoryEntry> h = new ArrayList<>(history);
        h.add(new HistoryEntry(created, createdBy, layer == null, ""));
        List<Digest> d = new ArrayList<>(diffIds);
        if (layer != null) {
            d.add(layer);
        }
        return new ImageConfig(architecture, os, created, envList(), entrypoint, cmd, workingDir, user, new ArrayList<>(exposedPorts),
                labels, stopSignal, h, d, new ArrayList<>(volumes), healthcheck, shell, onBuild);
    }

    /** Whether an image's runtime config is the one this stage would write: the classic cache's comparison. */
    boolean sameRuntime(ImageConfig c) {
        return c.env().equals(envList()) && Objects.equals(c.entrypoint(), entrypoint) && Objects.equals(c.cmd(), cmd)
                && c.workingDir().equals(workingDir) && c.user().equals(user)
                && new TreeSet<>(c.exposedPorts()).equals(exposedPorts) && c.labels().equals(labels)
                && c.stopSignal().equals(stopSignal) && new LinkedHashSet<>(c.volumes()).equals(volumes)
                && Objects.equals(c.healthcheck(), healthcheck) && Objects.equals(c.shell(), shell) && c.onBuild().equals(onBuild);
    }

    /** Continues from the image a step made (or found in the cache). */
    void adopt(ImageConfig c) {
        history = new ArrayList<>(c.history());
        diffIds = new ArrayList<>(c.diffIds());
    }
}
