package dev.glassbox.lab;

import dev.glassbox.api.DockerException;
import java.util.List;
import java.util.Map;

/**
 * Network {@code name} exists (or, with {@code absent}, does not), with {@code driver}, and the
 * {@code containers} named are connected to it.
 */
public record NetworkGoal(String id, String text, String name, String driver, List<String> containers, Boolean absent) implements Goal {
    public NetworkGoal {
        Goal.require(name, "the network's name", "network");
        containers = containers == null ? List.of() : List.copyOf(containers);
        id = id != null ? id : "network-" + name;
    }

    @Override
    public String describe() {
        if (Boolean.TRUE.equals(absent)) {
            return Goal.or(text, "no network is named " + name);
        }
        return Goal.or(text, "a " + (driver != null ? driver + " " : "") + "network named " + name
                + (containers.isEmpty() ? "" : " connects " + String.join(" and ", containers)));
    }

    @Override
    public Verdict check(Probe p) {
        Map<String, Object> n;
        try {
            n = p.api().inspectNetwork(name);
        } catch (DockerException e) {
            if (Boolean.TRUE.equals(absent)) {
                return Verdict.MET;
            }
            return Verdict.unmet("no network is named " + name + "; `docker network ls` lists "
                    + String.join(", ", p.api().networks().stream().map(x -> x.name()).toList()));
        }
        if (Boolean.TRUE.equals(absent)) {
            return Verdict.unmet("network " + name + " is still there");
        }
        if (driver != null && !driver.equals(n.get("Driver"))) {
            return Verdict.unmet("network " + name + " uses the " + n.get("Driver") + " driver, not " + driver);
        }
        for (String c : containers) {
            Map<String, Object> doc = p.container(c);
            if (doc == null) {
                return Verdict.unmet("no container is named " + c + "; " + p.psList());
            }
            Object nets = Probe.field(doc, "NetworkSettings.Networks");
            if (!(nets instanceof Map<?, ?> m) || !m.containsKey(name)) {
                return Verdict.unmet(c + " is not connected to " + name);
            }
        }
        return Verdict.MET;
    }
}
