package dev.glassbox.compose;

import java.util.ArrayList;
import java.util.List;

/** compose-go's checks once a project is read: what services name must exist, and depends_on has no cycle. */
final class Consistency {
    private Consistency() {}

    static void check(Project p) {
        for (Service s : p.services().values()) {
            if (s.image().isEmpty() && s.build() == null) {
                throw ComposeException.invalid("service \"" + s.name() + "\" has neither an image nor a build context specified");
            }
            if (!s.networkMode().isEmpty() && !s.networks().isEmpty()) {
                throw ComposeException.invalid("service " + s.name() + " declares mutually exclusive `network_mode` and `networks`");
            }
            for (String n : s.networks().keySet()) {
                if (!p.networks().containsKey(n)) {
                    throw ComposeException.invalid("service \"" + s.name() + "\" refers to undefined network " + n);
                }
            }
            for (Dependency d : s.dependsOn()) {
                if (!p.services().containsKey(d.service()) && d.required()) {
                    throw ComposeException.invalid("service \"" + s.name() + "\" depends on undefined service \"" + d.service() + "\"");
                }
            }
            for (MountSpec m : s.volumes()) {
                if (m.type().equals("volume") && !m.source().isEmpty() && !p.volumes().containsKey(m.source())) {
                    throw ComposeException.invalid("service \"" + s.name() + "\" refers to undefined volume " + m.source());
                }
            }
        }
        for (String name : p.services().keySet()) {
            cycle(p, new ArrayList<>(List.of(name)));
        }
    }

    private static void cycle(Project p, List<String> path) {
        Service s = p.services().get(path.get(path.size() - 1));
        for (String dep : s.dependsOn().stream().map(Dependency::service).sorted().toList()) {
            if (!p.services().containsKey(dep)) {
                continue;
            }
            int i = path.indexOf(dep);
            if (i >= 0) {
                throw new ComposeException("dependency cycle detected: " + String.join(" -> ", path.subList(i, path.size())) + " -> " + dep);
            }
            path.add(dep);
            cycle(p, path);
            path.remove(path.size() - 1);
        }
    }
}
