package dev.glassbox.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One service's mapping (already interpolated and checked against the schema) made a {@link Service}:
 * short forms expanded to long ones, {@code ./rel} binds and {@code env_file}s resolved against the
 * project directory. Keys the specification has but glassbox does not carry out are refused in one line.
 */
final class ServiceParser {
    /** Keys that change nothing a container does here: accepted and ignored (profiles are read by the loader). */
    private static final Set<String> IGNORED = Set.of("profiles", "platform", "attach");
    private static final Set<String> READ = Set.of("image", "build", "command", "entrypoint", "environment", "env_file", "ports",
            "expose", "volumes", "networks", "network_mode", "depends_on", "restart", "healthcheck", "container_name", "hostname",
            "labels", "working_dir", "user", "tty", "stdin_open", "stop_signal", "privileged", "scale", "pull_policy");

    private final String projectDir;
    private final Map<String, String> env;
    private final EnvFiles envFiles;

    /** Reads an env_file (an absolute path) into its variables; throws Compose's error when it is missing. */
    interface EnvFiles {
        Map<String, String> read(String path);
    }

    /** Keys a caller reads itself ({@code deploy} for a stack). */
    private final java.util.Set<String> alsoRead;

    ServiceParser(String projectDir, Map<String, String> env, EnvFiles envFiles) {
        this(projectDir, env, envFiles, java.util.Set.of());
    }

    ServiceParser(String projectDir, Map<String, String> env, EnvFiles envFiles, java.util.Set<String> alsoRead) {
        this.projectDir = projectDir;
        this.env = env;
        this.envFiles = envFiles;
        this.alsoRead = alsoRead;
    }

    Service parse(String name, JsonNode s) {
        String path = "services." + name;
        s.fieldNames().forEachRemaining(k -> {
            if (!READ.contains(k) && !IGNORED.contains(k) && !alsoRead.contains(k) && !k.startsWith("x-")) {
                throw ComposeException.unsupported(path + "." + k);
            }
        });
        String pull = text(s, "pull_policy");
        if (!pull.isEmpty() && !pull.equals("missing") && !pull.equals("if_not_present")) {
            throw ComposeException.unsupported(path + ".pull_policy " + pull);
        }
        if (s.has("scale") && s.get("scale").asInt(1) != 1) {
            throw ComposeException.unsupported(path + ".scale other than 1");
        }
        List<String> files = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String f : strings(s.get("env_file"), path + ".env_file")) {
            String abs = Paths.resolve(projectDir, f);
            files.add(abs);
            environment.putAll(envFiles.read(abs));
        }
        environment.putAll(keyValues(s.get("environment"), true));
        return new Service(name, text(s, "image"), build(s.get("build"), path), command(s.get("command"), path + ".command"),
                command(s.get("entrypoint"), path + ".entrypoint"), environment, files, ports(s.get("ports"), path),
                strings(s.get("expose"), path + ".expose"), mounts(s.get("volumes"), path), networks(s.get("networks")),
                text(s, "network_mode"), dependencies(s.get("depends_on")), text(s, "restart"), health(s.get("healthcheck")),
                text(s, "container_name"), text(s, "hostname"), keyValues(s.get("labels"), false), text(s, "working_dir"),
                text(s, "user"), bool(s, "tty"), bool(s, "stdin_open"), text(s, "stop_signal"), bool(s, "privileged"));
    }

    private static String text(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static boolean bool(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && (v.asBoolean() || v.asText().equals("true"));
    }

    private BuildSpec build(JsonNode b, String path) {
        if (b == null || b.isNull()) {
            return null;
        }
        if (b.isTextual()) {
            return new BuildSpec(Paths.resolve(projectDir, b.asText()), null, Map.of(), null, false);
        }
        for (String k : List.of("dockerfile_inline", "ssh", "secrets", "additional_contexts", "platforms", "entitlements")) {
            if (b.has(k)) {
                throw ComposeException.unsupported(path + ".build." + k);
            }
        }
        String context = b.has("context") ? b.get("context").asText() : ".";
        return new BuildSpec(Paths.resolve(projectDir, context), text(b, "dockerfile"), keyValues(b.get("args"), true),
                text(b, "target"), bool(b, "no_cache"));
    }

    static List<String> command(JsonNode v, String path) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            v.forEach(x -> out.add(x.asText()));
            return out;
        }
        return Words.split(v.asText(), path);
    }

    private static List<String> strings(JsonNode v, String path) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode x : v) {
                out.add(x.isObject() ? x.path("path").asText() : x.asText());
            }
        } else {
            out.add(v.asText());
        }
        return out;
    }

    /** A list of {@code KEY=VALUE} (a bare {@code KEY} takes the environment's value, or is left out) or a mapping. */
    private Map<String, String> keyValues(JsonNode v, boolean fromEnv) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode x : v) {
                String item = x.asText();
                int eq = item.indexOf('=');
                if (eq >= 0) {
                    out.put(item.substring(0, eq), item.substring(eq + 1));
                } else if (!fromEnv) {
                    out.put(item, "");
                } else if (env.containsKey(item)) {
                    out.put(item, env.get(item));
                }
            }
            return out;
        }
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            } else if (!fromEnv) {
                out.put(e.getKey(), "");
            } else if (env.containsKey(e.getKey())) {
                out.put(e.getKey(), env.get(e.getKey()));
            }
        });
        return out;
    }

    private static List<PortSpec> ports(JsonNode v, String path) {
        List<PortSpec> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        for (JsonNode p : v) {
            if (p.isObject()) {
                out.add(new PortSpec(text(p, "host_ip"), p.path("target").asInt(), text(p, "published"), text(p, "protocol")));
            } else {
                out.addAll(PortSyntax.parse(p.asText(), path + ".ports"));
            }
        }
        return out;
    }

    private List<MountSpec> mounts(JsonNode v, String path) {
        List<MountSpec> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        for (JsonNode m : v) {
            if (m.isObject()) {
                String type = text(m, "type");
                if (!Set.of("volume", "bind", "tmpfs").contains(type)) {
                    throw ComposeException.unsupported(path + ".volumes type " + (type.isEmpty() ? "(none)" : type));
                }
                String source = text(m, "source");
                out.add(new MountSpec(type, type.equals("bind") ? Paths.resolve(projectDir, source) : source, text(m, "target"),
                        bool(m, "read_only")));
            } else {
                out.add(shortMount(m.asText(), path));
            }
        }
        return out;
    }

    private MountSpec shortMount(String spec, String path) {
        String[] parts = spec.split(":", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new ComposeException("invalid spec: " + spec + ": empty section between colons");
            }
        }
        if (parts.length == 1) {
            return new MountSpec("volume", "", parts[0], false);
        }
        if (parts.length > 3) {
            throw new ComposeException("invalid spec: " + spec + ": too many colons");
        }
        boolean ro = parts.length == 3 && List.of(parts[2].split(",")).contains("ro");
        String src = parts[0];
        boolean bind = src.startsWith(".") || src.startsWith("/") || src.startsWith("~");
        return bind ? new MountSpec("bind", Paths.resolve(projectDir, src), parts[1], ro) : new MountSpec("volume", src, parts[1], ro);
    }

    private static Map<String, List<String>> networks(JsonNode v) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(n -> out.put(n.asText(), List.of()));
            return out;
        }
        v.fields().forEachRemaining(e -> {
            List<String> aliases = new ArrayList<>();
            e.getValue().path("aliases").forEach(a -> aliases.add(a.asText()));
            out.put(e.getKey(), aliases);
        });
        return out;
    }

    private static List<Dependency> dependencies(JsonNode v) {
        List<Dependency> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(d -> out.add(new Dependency(d.asText(), Condition.STARTED, true, false)));
            return out;
        }
        v.fields().forEachRemaining(e -> {
            JsonNode d = e.getValue();
            Condition c = d.has("condition") ? Condition.of(d.get("condition").asText()) : Condition.STARTED;
            boolean required = !d.has("required") || d.get("required").asBoolean() || d.get("required").asText().equals("true");
            out.add(new Dependency(e.getKey(), c, required, d.path("restart").asBoolean()));
        });
        return out;
    }

    private static HealthSpec health(JsonNode h) {
        if (h == null || h.isNull()) {
            return null;
        }
        List<String> test = new ArrayList<>();
        JsonNode t = h.get("test");
        if (t != null && t.isArray()) {
            t.forEach(x -> test.add(x.asText()));
        } else if (t != null && !t.isNull()) {
            test.add("CMD-SHELL");
            test.add(t.asText());
        }
        if (!test.isEmpty() && !Set.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
            throw new ComposeException("healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"");
        }
        Integer retries = h.has("retries") ? h.get("retries").asInt() : null;
        return new HealthSpec(test, text(h, "interval"), text(h, "timeout"), text(h, "start_period"), retries, bool(h, "disable"));
    }
}
