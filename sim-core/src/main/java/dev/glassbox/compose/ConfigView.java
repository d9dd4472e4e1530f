package dev.glassbox.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker compose config}: the project as Compose normalized it, in YAML with Compose's key order
 * (name, services, networks, volumes; each service's keys in the order of compose-go's ServiceConfig),
 * short forms written long, relative paths absolute, variables substituted. {@code --services},
 * {@code --volumes}, {@code --networks} list names; {@code -q} only validates.
 */
final class ConfigView {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private ConfigView() {}

    static int run(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("quiet", "q"), Flags.bool("services", ""), Flags.bool("volumes", ""),
                Flags.bool("networks", ""), Flags.bool("images", ""), Flags.value("format", ""), Flags.value("output", "o"),
                Flags.bool("no-interpolate", ""), Flags.bool("resolve-image-digests", ""), Flags.bool("no-normalize", ""),
                Flags.bool("no-path-resolution", ""), Flags.bool("hash", ""), Flags.bool("environment", "")), true);
        Project p = s.project();
        if (f.bool("quiet")) {
            return 0;
        }
        if (f.bool("services")) {
            p.services().keySet().forEach(s::out);
        } else if (f.bool("volumes")) {
            p.volumes().keySet().forEach(s::out);
        } else if (f.bool("networks")) {
            p.networks().keySet().forEach(s::out);
        } else if (f.bool("images")) {
            p.services().values().forEach(sv -> s.out(sv.imageFor(p.name())));
        } else if (f.string("format", "yaml").equals("json")) {
            try {
                s.out(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(model(p)).replace(" : ", ": "));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            s.c.out().accept(yaml(p));
        }
        return 0;
    }

    static String yaml(Project p) {
        try {
            return YAML.writeValueAsString(model(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> model(Project p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", p.name());
        Map<String, Object> services = new LinkedHashMap<>();
        p.services().forEach((k, sv) -> services.put(k, ServiceYaml.of(sv)));
        root.put("services", services);
        if (!p.networks().isEmpty()) {
            Map<String, Object> nets = new LinkedHashMap<>();
            p.networks().forEach((k, n) -> nets.put(k, resource(n.name(), n.driver(), n.external(), n.labels())));
            root.put("networks", nets);
        }
        if (!p.volumes().isEmpty()) {
            Map<String, Object> vols = new LinkedHashMap<>();
            p.volumes().forEach((k, v) -> vols.put(k, resource(v.name(), v.driver(), v.external(), v.labels())));
            root.put("volumes", vols);
        }
        return root;
    }

    private static Map<String, Object> resource(String name, String driver, boolean external, Map<String, String> labels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (!driver.isEmpty()) {
            m.put("driver", driver);
        }
        if (external) {
            m.put("external", true);
        }
        if (!labels.isEmpty()) {
            m.put("labels", labels);
        }
        return m;
    }
}
