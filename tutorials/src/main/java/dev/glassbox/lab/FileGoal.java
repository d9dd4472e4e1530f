package dev.glassbox.lab;

import dev.glassbox.api.DockerException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * File {@code path} in container {@code container} exists (or, with {@code absent}, does not), and
 * holds the text {@code contains} or a line matching {@code matches}; read as docker cp reads it.
 */
public record FileGoal(String id, String text, String container, String path, String contains, String matches, Boolean absent)
        implements Goal {
    public FileGoal {
        Goal.require(container, "the container's name", "file");
        Goal.require(path, "a path", "file");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a 'file' goal's path is absolute: " + path);
        }
        if (matches != null) {
            Pattern.compile(matches);
        }
        id = id != null ? id : "file-" + path;
    }

    @Override
    public String describe() {
        if (Boolean.TRUE.equals(absent)) {
            return Goal.or(text, path + " is gone from " + container);
        }
        return Goal.or(text, path + " in " + container + (contains != null ? " contains \"" + contains + "\"" : matches != null ? " has a line matching " + matches : " exists"));
    }

    @Override
    public Verdict check(Probe p) {
        if (p.container(container) == null) {
            return Verdict.unmet("no container is named " + container + "; " + p.psList());
        }
        String content;
        try {
            content = new String(p.file(container, path), StandardCharsets.UTF_8);
        } catch (DockerException e) {
            if (Boolean.TRUE.equals(absent) && e.getMessage().startsWith("Could not find")) {
                return Verdict.MET;
            }
            return Verdict.unmet(e.getMessage().startsWith("Could not find") ? "there is no file " + path + " in " + container : e.getMessage());
        }
        if (Boolean.TRUE.equals(absent)) {
            return Verdict.unmet(path + " is still in " + container);
        }
        if (contains != null && !content.contains(contains)) {
            return Verdict.unmet(path + " in " + container + " does not contain \"" + contains + "\"; it begins: " + begin(content));
        }
        if (matches != null && !Pattern.compile(matches, Pattern.MULTILINE).matcher(content).find()) {
            return Verdict.unmet(path + " in " + container + " has no line matching " + matches + "; it begins: " + begin(content));
        }
        return Verdict.MET;
    }

    static String begin(String content) {
        String one = content.strip().replace('\n', ' ');
        return one.isEmpty() ? "(empty)" : "\"" + (one.length() > 60 ? one.substring(0, 60) + "…" : one) + "\"";
    }
}
