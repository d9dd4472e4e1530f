package dev.glassbox.compose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The order depends_on imposes: every service after what it depends on (ties by name), or the reverse for stopping. */
final class Order {
    private Order() {}

    /** {@code chosen} and, with {@code withDependencies}, what they depend on, dependencies first. */
    static List<Service> up(Project p, List<Service> chosen, boolean withDependencies) {
        Set<String> wanted = new LinkedHashSet<>();
        for (Service s : chosen) {
            collect(p, s.name(), wanted, withDependencies);
        }
        List<Service> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (String name : p.services().keySet()) {
            if (wanted.contains(name)) {
                place(p, name, wanted, placed, out);
            }
        }
        return out;
    }

    static List<Service> down(Project p, List<Service> chosen) {
        List<Service> out = new ArrayList<>(up(p, chosen, false));
        java.util.Collections.reverse(out);
        return out;
    }

    private static void collect(Project p, String name, Set<String> wanted, boolean deep) {
        if (!wanted.add(name) || !deep) {
            return;
        }
        for (Dependency d : p.service(name).dependsOn()) {
            if (p.services().containsKey(d.service())) {
                collect(p, d.service(), wanted, true);
            }
        }
    }

    private static void place(Project p, String name, Set<String> wanted, Set<String> placed, List<Service> out) {
        if (placed.contains(name)) {
            return;
        }
        placed.add(name);
        for (String dep : p.service(name).dependencyNames().stream().sorted().toList()) {
            if (wanted.contains(dep)) {
                place(p, dep, wanted, placed, out);
            }
        }
        out.add(p.service(name));
    }
}
