package dev.glassbox.lab;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container named {@code name} in a {@code state} (running, exited, created, paused, restarting, or
 * absent: no such container), from {@code image}, with an {@code exitCode}, killed by the OOM killer
 * ({@code oomKilled}), with a {@code restart} policy. Fields left out are not checked.
 */
public record ContainerGoal(String id, String text, String name, String state, String image, Integer exitCode, Boolean oomKilled,
                            String restart) implements Goal {
    private static final Set<String> STATES = Set.of("running", "exited", "created", "paused", "restarting", "absent");

    public ContainerGoal {
        Goal.require(name, "the container's name", "container");
        if (state != null && !STATES.contains(state)) {
            throw new IllegalArgumentException("a container's state is one of " + new java.util.TreeSet<>(STATES) + ", not '" + state + "'");
        }
        if (image != null) {
            try {
                ImageRef.parse(image);
            } catch (DockerException e) {
                throw new IllegalArgumentException("'" + image + "' is not an image reference");
            }
        }
        id = id != null ? id : "container-" + name;
    }

    @Override
    public String describe() {
        if ("absent".equals(state)) {
            return Goal.or(text, "no container is named " + name);
        }
        List<String> parts = new ArrayList<>();
        if (image != null) {
            parts.add("runs " + image);
        }
        if (exitCode != null) {
            parts.add("exited with code " + exitCode);
        }
        if (Boolean.TRUE.equals(oomKilled)) {
            parts.add("was killed by the OOM killer");
        }
        if (restart != null) {
            parts.add("has the restart policy " + restart);
        }
        String st = state == null || (state.equals("running") && image != null) ? "" : " is " + state;
        return Goal.or(text, "a container named " + name + st + (parts.isEmpty() ? "" : (st.isEmpty() ? " " : " and ") + String.join(" and ", parts))
                + (state != null && state.equals("running") && image != null ? ", and it is running" : ""));
    }

    @Override
    public Verdict check(Probe p) {
        Map<String, Object> c = p.container(name);
        if ("absent".equals(state)) {
            return c == null ? Verdict.MET : Verdict.unmet("a container named " + name + " is still there (" + Probe.field(c, "State.Status") + "): "
                    + "the step wants it gone");
        }
        if (c == null) {
            return Verdict.unmet("no container is named " + name + "; " + p.psList());
        }
        String status = String.valueOf(Probe.field(c, "State.Status"));
        if (image != null && !sameImage(image, String.valueOf(Probe.field(c, "Config.Image")))) {
            return Verdict.unmet(name + " runs the image " + Probe.field(c, "Config.Image") + ", not " + image);
        }
        if (state != null && !state.equals(status)) {
            String how = status.equals("exited") ? " (exit code " + Probe.field(c, "State.ExitCode") + ")" : "";
            return Verdict.unmet(name + " is " + status + how + ", not " + state);
        }
        if (exitCode != null && !exitCode.equals(Probe.field(c, "State.ExitCode"))) {
            return Verdict.unmet(name + " " + (status.equals("running") ? "is still running" : "exited with code " + Probe.field(c, "State.ExitCode"))
                    + ", not with code " + exitCode);
        }
        if (oomKilled != null && !oomKilled.equals(Probe.field(c, "State.OOMKilled"))) {
            return Verdict.unmet(oomKilled ? name + " was not killed by the OOM killer (its state: " + status + ")"
                    : name + " was killed by the OOM killer");
        }
        if (restart != null && !restart.equals(Probe.field(c, "HostConfig.RestartPolicy.Name"))) {
            Object has = Probe.field(c, "HostConfig.RestartPolicy.Name");
            return Verdict.unmet(name + "'s restart policy is " + (has == null || "".equals(has) ? "no" : has) + ", not " + restart);
        }
        return Verdict.MET;
    }

    /** {@code nginx} matches nginx:latest; a tag or registry given must match too. */
    static boolean sameImage(String wanted, String actual) {
        try {
            ImageRef w = ImageRef.parse(wanted);
            ImageRef a = ImageRef.parse(actual).withDefaultTag();
            return w.fullName().equals(a.fullName()) && (w.tag() == null || w.tag().equals(a.tag()));
        } catch (DockerException e) {
            return wanted.equals(actual);
        }
    }
}
