package dev.glassbox.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.glassbox.client.Workspace;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and reads the compose file from the client's workspace as Compose does: the default names in
 * the working directory or a parent, or {@code -f}; the {@code .env} of the project directory; the
 * interpolation of every value; the schema; the project's name; the services, networks and volumes;
 * and the consistency checks (undefined networks, volumes, services; dependency cycles).
 */
final class ProjectLoader {
    static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    static final List<String> OVERRIDE_NAMES = List.of("compose.override.yaml", "compose.override.yml",
            "docker-compose.override.yml", "docker-compose.override.yaml");
    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Workspace files;
    private final Consumer<String> warn;
    /** For {@code docker stack deploy}: networks are the swarm's (driver overlay), not Compose's bridges. */
    private final boolean forStack;

    ProjectLoader(Workspace files, Consumer<String> warn) {
        this(files, warn, false);
    }

    ProjectLoader(Workspace files, Consumer<String> warn, boolean forStack) {
        this.files = files;
        this.warn = warn;
        this.forStack = forStack;
    }

    Project load(Options o) {
        String file = locate(o);
        String dir = o.projectDirectory().isEmpty() ? Paths.parent(file) : Paths.resolve(files.cwd(), o.projectDirectory());
        Map<String, String> env = dotEnv(o, dir);
        JsonNode root = parse(file);
        Set<String> unset = new LinkedHashSet<>();
        root = interpolate(root, env, "", unset);
        unset.forEach(v -> warn.accept("The \"" + v + "\" variable is not set. Defaulting to a blank string."));
        try {
            Schema.validate(root);
        } catch (ComposeException e) {
            throw new ComposeException("validating " + file + ": " + e.getMessage());
        }
        if (root.has("version")) {
            warn.accept(file + ": the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion");
        }
        for (String k : List.of("include", "secrets", "configs", "models")) {
            if (root.has(k)) {
                throw ComposeException.unsupported("the top-level element `" + k + "`");
            }
        }
        String name = projectName(o, root, dir);
        ServiceParser parser = new ServiceParser(dir, env, this::envFile, forStack ? Set.of("deploy") : Set.of());
        Map<String, Service> services = new LinkedHashMap<>();
        JsonNode s = root.path("services");
        s.fields().forEachRemaining(e -> {
            if (e.getValue().path("profiles").isEmpty()) { // a service with profiles runs only when one is chosen (--profile)
                services.put(e.getKey(), parser.parse(e.getKey(), e.getValue()));
            }
        });
        Project p = new Project(name, dir, List.of(file), services, networks(root, name, services, forStack), volumes(root, name), env);
        Consistency.check(p);
        return p;
    }

    /** The global options that choose the file and the project. */
    record Options(List<String> files, String projectName, String projectDirectory, String envFile) {
        Options {
            files = List.copyOf(files);
            projectName = projectName == null ? "" : projectName;
            projectDirectory = projectDirectory == null ? "" : projectDirectory;
            envFile = envFile == null ? "" : envFile;
        }
    }

    private String locate(Options o) {
        if (o.files().size() > 1) {
            throw ComposeException.unsupported("merging several compose files (-f given " + o.files().size() + " times)");
        }
        if (!o.files().isEmpty()) {
            String f = o.files().get(0);
            if (f.equals("-")) {
                throw ComposeException.unsupported("reading the compose file from standard input (-f -)");
            }
            String abs = Paths.resolve(files.cwd(), f);
            FileStat st = files.stat(abs);
            if (st == null) {
                throw new ComposeException("open " + abs + ": no such file or directory");
            }
            return abs;
        }
        String dir = o.projectDirectory().isEmpty() ? files.cwd() : Paths.resolve(files.cwd(), o.projectDirectory());
        while (true) {
            List<String> found = existing(dir, DEFAULT_NAMES);
            if (!found.isEmpty()) {
                if (found.size() > 1) {
                    warn.accept("Found multiple config files with supported names: " + String.join(", ", found));
                    warn.accept("Using " + found.get(0));
                }
                List<String> overrides = existing(dir, OVERRIDE_NAMES);
                if (!overrides.isEmpty()) {
                    throw ComposeException.unsupported("the override file " + overrides.get(0));
                }
                return found.get(0);
            }
            if (dir.equals("/")) {
                throw new ComposeException("no configuration file provided: not found");
            }
            dir = Paths.parent(dir);
        }
    }

    private List<String> existing(String dir, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String p = Paths.resolve(dir, n);
            FileStat st = files.stat(p);
            if (st != null && st.type() != FileEntry.Type.DIR) {
                out.add(p);
            }
        }
        return out;
    }

    /** The file a load would read, resolved as {@link #load} resolves it. */
    String file(Options o) {
        return locate(o);
    }

    String read(String path) {
        FileStat st = files.stat(path);
        if (st != null && st.size() > MAX_FILE_BYTES) {
            throw new ComposeException("glassbox: " + path + " is larger than " + (MAX_FILE_BYTES >> 10) + " KiB; a compose file may not be");
        }
        try {
            return new String(files.readFile(path), StandardCharsets.UTF_8);
        } catch (java.util.NoSuchElementException e) {
            throw new ComposeException("read " + path + ": is a directory");
        }
    }

    private JsonNode parse(String file) {
        String text = read(file);
        JsonNode root = YamlReader.read(text);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ComposeException("empty compose file");
        }
        return root;
    }

    private Map<String, String> dotEnv(Options o, String dir) {
        String path = o.envFile().isEmpty() ? Paths.resolve(dir, ".env") : Paths.resolve(files.cwd(), o.envFile());
        FileStat st = files.stat(path);
        if (st == null) {
            if (!o.envFile().isEmpty()) {
                throw new ComposeException("couldn't find env file: " + path);
            }
            return new LinkedHashMap<>();
        }
        return DotEnv.parse(read(path), path, Map.of());
    }

    private Map<String, String> envFile(String path) {
        if (files.stat(path) == null) {
            throw new ComposeException("env file " + path + " not found: stat " + path + ": no such file or directory");
        }
        return DotEnv.parse(read(path), path, Map.of());
    }

    private static JsonNode interpolate(JsonNode node, Map<String, String> env, String path, Set<String> unset) {
        if (node.isTextual()) {
            return TextNode.valueOf(Interpolation.substitute(node.asText(), env, path, unset::add));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), interpolate(e.getValue(), env, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), unset));
            }
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = YAML.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(interpolate(node.get(i), env, path + "[" + i + "]", unset));
            }
            return copy;
        }
        return node;
    }

    private static String projectName(Options o, JsonNode root, String dir) {
        if (!o.projectName().isEmpty()) {
            return checked(o.projectName());
        }
        if (root.hasNonNull("name") && !root.get("name").asText().isEmpty()) {
            return checked(root.get("name").asText());
        }
        String n = normalize(Paths.base(dir));
        if (n.isEmpty()) {
            throw new ComposeException("project name must not be empty");
        }
        return n;
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ComposeException("invalid project name \"" + name + "\": must consist only of lowercase alphanumeric characters,"
                    + " hyphens, and underscores as well as start with a letter or number");
        }
        return name;
    }

    /** compose-go's NormalizeProjectName: lower case, only {@code [a-z0-9_-]} kept, no leading {@code _} or {@code -}. */
    static String normalize(String s) {
        StringBuilder b = new StringBuilder();
        Matcher m = Pattern.compile("[a-z0-9_-]").matcher(s.toLowerCase(java.util.Locale.ROOT));
        while (m.find()) {
            b.append(m.group());
        }
        return b.toString().replaceFirst("^[_-]+", "");
    }

    private static Map<String, NetworkDef> networks(JsonNode root, String project, Map<String, Service> services, boolean forStack) {
        Map<String, NetworkDef> out = new LinkedHashMap<>();
        root.path("networks").fields().forEachRemaining(e -> out.put(e.getKey(), network(e.getKey(), e.getValue(), project, forStack)));
        boolean usesDefault = services.values().stream().anyMatch(s -> s.networkMode().isEmpty()
                && (s.networks().isEmpty() || s.networks().containsKey("default")));
        if (usesDefault && !out.containsKey("default")) {
            out.put("default", new NetworkDef("default", project + "_default", false, "", Map.of()));
        }
        return out;
    }

    private static NetworkDef network(String key, JsonNode n, String project, boolean forStack) {
        boolean external = isTrue(n.get("external"));
        String name = n.hasNonNull("name") ? n.get("name").asText() : external ? key : project + "_" + key;
        String driver = n.path("driver").asText("");
        if (!driver.isEmpty() && !driver.equals(forStack ? "overlay" : "bridge")) {
            throw ComposeException.unsupported("networks." + key + ".driver " + driver + (forStack ? " in a stack" : ""));
        }
        return new NetworkDef(key, name, external, driver, labels(n.get("labels")));
    }

    private static Map<String, VolumeDef> volumes(JsonNode root, String project) {
        Map<String, VolumeDef> out = new LinkedHashMap<>();
        root.path("volumes").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            boolean external = isTrue(v.get("external"));
            String name = v.hasNonNull("name") ? v.get("name").asText() : external ? e.getKey() : project + "_" + e.getKey();
            String driver = v.path("driver").asText("");
            if (!driver.isEmpty() && !driver.equals("local")) {
                throw ComposeException.unsupported("volumes." + e.getKey() + ".driver " + driver);
            }
            out.put(e.getKey(), new VolumeDef(e.getKey(), name, external, driver, labels(v.get("labels"))));
        });
        return out;
    }

    private static boolean isTrue(JsonNode v) {
        return v != null && (v.asBoolean() || v.asText().equals("true"));
    }

    private static Map<String, String> labels(JsonNode v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(x -> {
                String[] kv = x.asText().split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
