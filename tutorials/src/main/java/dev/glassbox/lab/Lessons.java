package dev.glassbox.lab;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The curriculum: every lesson file read, in order, and one line for each file that could not be read
 * (its name, its line and the problem), while the other lessons load. The lessons glassbox ships are
 * {@link #builtIn()}; an author's folder of lesson files is {@link #load(Path)}.
 */
public final class Lessons {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
    private static final long MAX_FILE_BYTES = 256 * 1024;

    private final List<Lesson> lessons;
    private final List<String> problems;

    private Lessons(List<Lesson> lessons, List<String> problems) {
        this.lessons = List.copyOf(lessons);
        this.problems = List.copyOf(problems);
    }

    /** The lessons in glassbox's own curriculum (shipped in the jar under {@code lessons/}). */
    public static Lessons builtIn() {
        URL url = Lessons.class.getClassLoader().getResource("lessons");
        if (url == null) {
            return new Lessons(List.of(), List.of("glassbox: no lessons are packaged with this build"));
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(fs.getPath("/lessons"), "lessons/");
                }
            }
            return read(Path.of(uri), "lessons/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code *.yaml} file in {@code dir}, named in problems by its path. */
    public static Lessons load(Path dir) {
        try {
            return read(dir, dir.toString().endsWith("/") ? dir.toString() : dir + "/");
        } catch (IOException e) {
            return new Lessons(List.of(), List.of(dir + ": " + e.getMessage()));
        }
    }

    private static Lessons read(Path dir, String shownAs) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted(Comparator.comparing(Path::toString)).toList();
        }
        List<Lesson> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path f : files) {
            String name = shownAs + f.getFileName();
            try {
                if (Files.size(f) > MAX_FILE_BYTES) {
                    problems.add(name + ": the file is " + Files.size(f) + " bytes; a lesson file has at most " + MAX_FILE_BYTES);
                    continue;
                }
                Lesson l = parse(Files.readString(f), name);
                if (seen.containsKey(l.id())) {
                    problems.add(name + ": the id '" + l.id() + "' is taken by " + seen.get(l.id()));
                    continue;
                }
                seen.put(l.id(), name);
                out.add(l);
            } catch (LessonException e) {
                problems.add(e.getMessage());
            }
        }
        out.sort(Comparator.comparingInt(Lesson::order).thenComparing(Lesson::id));
        return new Lessons(out, problems);
    }

    /** One lesson file's text; {@code name} is how problems name the file. */
    public static Lesson parse(String yaml, String name) {
        try {
            Lesson l = YAML.readValue(yaml, Lesson.class);
            if (l == null) {
                throw new LessonException(name + ":1: the file is empty");
            }
            return l.withFile(name);
        } catch (JsonProcessingException e) {
            int line = line(e.getLocation());
            if (e instanceof UnrecognizedPropertyException u) {
                line = keyLine(yaml, u.getPropertyName(), line);
            } else if (e instanceof ValueInstantiationException v && inGoal(v)) {
                line = keyLine(yaml, "goal", line - 1); // Jackson reports the goal's end: name the line where it begins
            }
            throw new LessonException(name + ":" + line + ": " + problem(e));
        } catch (IllegalArgumentException e) {
            throw new LessonException(name + ": " + e.getMessage());
        }
    }

    /**
     * Jackson reports an unknown field where it noticed it, which for a record can be lines later: the
     * last line at or before that which holds the field as a key.
     */
    private static int keyLine(String yaml, String key, int reported) {
        List<String> lines = yaml.lines().toList();
        java.util.regex.Pattern k = java.util.regex.Pattern.compile("^\\s*(-\\s+)?[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:");
        for (int i = Math.min(reported, lines.size()) - 1; i >= 0; i--) {
            if (k.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return reported;
    }

    private static boolean inGoal(ValueInstantiationException v) {
        var path = v.getPath();
        return path.size() >= 2 && "goals".equals(path.get(path.size() - 2).getFieldName());
    }

    private static int line(JsonLocation at) {
        return at == null ? 1 : Math.max(1, at.getLineNr());
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList() + ")";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        String m = e.getOriginalMessage();
        if (m.startsWith("Could not resolve type id")) {
            int q = m.indexOf('\'');
            String id = q >= 0 ? m.substring(q + 1, m.indexOf('\'', q + 1)) : "?";
            return "unknown goal '" + id + "' (known: command, container, file, image, inspect, network, port, reach, trace, volume)";
        }
        if (m.startsWith("Missing type id")) {
            return "a goal needs 'goal: KIND' (command, container, file, image, inspect, network, port, reach, trace, volume)";
        }
        return m.lines().findFirst().orElse(m).replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Z]\\w+)`", "$1");
    }

    public List<Lesson> all() {
        return lessons;
    }

    /** One line for each lesson file that could not be read. */
    public List<String> problems() {
        return problems;
    }

    /** A lesson by its id or its number in the curriculum (1-based); null when none. */
    public Lesson find(String idOrNumber) {
        String key = idOrNumber == null ? "" : idOrNumber.strip().toLowerCase(Locale.ROOT);
        if (key.matches("\\d{1,4}")) {
            int n = Integer.parseInt(key);
            return n >= 1 && n <= lessons.size() ? lessons.get(n - 1) : null;
        }
        for (Lesson l : lessons) {
            if (l.id().equals(key)) {
                return l;
            }
        }
        return null;
    }

    public int number(Lesson l) {
        return lessons.indexOf(l) + 1;
    }

    /** Why a lesson file could not be read, in one line. */
    public static final class LessonException extends RuntimeException {
        LessonException(String message) {
            super(message);
        }
    }
}
