package dev.glassbox.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containers {@code from} and {@code to} reach each other by name: both run and share a user-defined
 * network, whose embedded DNS answers their names (the default bridge has no such DNS).
 */
public record ReachGoal(String id, String text, String from, String to) implements Goal {
    private static final Set<String> NO_DNS = Set.of("bridge", "host", "none", "default", "container");

    public ReachGoal {
        Goal.require(from, "'from', a container's name", "reach");
        Goal.require(to, "'to', a container's name", "reach");
        id = id != null ? id : "reach-" + from + "-" + to;
    }

    @Override
    public String describe() {
        return Goal.or(text, from + " and " + to + " reach each other by name");
    }

    @Override
    public Verdict check(Probe p) {
        Map<String, Object> a = p.container(from);
        Map<String, Object> b = p.container(to);
        for (var e : List.of(Map.entry(from, a == null ? Map.<String, Object>of() : a), Map.entry(to, b == null ? Map.<String, Object>of() : b))) {
            if (e.getValue().isEmpty()) {
                return Verdict.unmet("no container is named " + e.getKey() + "; " + p.psList());
            }
            if (!Boolean.TRUE.equals(Probe.field(e.getValue(), "State.Running"))) {
                return Verdict.unmet(e.getKey() + " is " + Probe.field(e.getValue(), "State.Status") + ": only running containers answer");
            }
        }
        List<String> na = networks(a);
        List<String> nb = networks(b);
        for (String n : na) {
            if (nb.contains(n) && !NO_DNS.contains(n)) {
                return Verdict.MET;
            }
        }
        if (na.stream().anyMatch(nb::contains)) {
            return Verdict.unmet(from + " and " + to + " share only " + String.join(", ", common(na, nb))
                    + ", which has no DNS by name: put both on a user-defined network");
        }
        return Verdict.unmet(from + " is on " + String.join(", ", na) + " and " + to + " on " + String.join(", ", nb) + ": they share no network");
    }

    private static List<String> common(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.retainAll(b);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> networks(Map<String, Object> c) {
        Object n = Probe.field(c, "NetworkSettings.Networks");
        return n instanceof Map<?, ?> m ? new ArrayList<>(((Map<String, Object>) m).keySet()) : List.of();
    }
}
