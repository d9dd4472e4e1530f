package dev.glassbox.client;

import dev.glassbox.image.FileEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} as docker's patternmatcher reads it: one pattern a line, {@code #} comments,
 * Go filepath.Match syntax plus {@code **}, {@code !} exceptions, the last matching pattern wins, and a
 * path is excluded with its directory. The Dockerfile and .dockerignore themselves are always sent.
 */
final class Dockerignore {
    private record Rule(Pattern pattern, boolean exclusion) {}

    private final List<Rule> rules = new ArrayList<>();

    Dockerignore(String text, String dockerfile) {
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exclusion = line.startsWith("!");
            if (exclusion) {
                line = line.substring(1).strip();
            }
            String clean = WorkspacePaths.resolve("/", line).substring(1);
            if (clean.isEmpty()) {
                continue;
            }
            rules.add(new Rule(dev.glassbox.daemon.GoMatch.regex(clean, true), exclusion));
        }
        rules.add(new Rule(Pattern.compile(Pattern.quote(".dockerignore")), true));
        rules.add(new Rule(Pattern.compile(Pattern.quote(dockerfile)), true));
    }

    /** Whether the path (relative to the context) is left out: its own match, or its directory's. */
    boolean excluded(String path) {
        boolean out = false;
        for (Rule r : rules) {
            if (matchesOrParent(r.pattern(), path)) {
                out = !r.exclusion();
            }
        }
        return out;
    }

    private static boolean matchesOrParent(Pattern p, String path) {
        String at = path;
        while (true) {
            if (p.matcher(at).matches()) {
                return true;
            }
            int slash = at.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            at = at.substring(0, slash);
        }
    }

    List<FileEntry> filter(List<FileEntry> entries) {
        List<FileEntry> out = new ArrayList<>();
        for (FileEntry e : entries) {
            if (!excluded(e.path())) {
                out.add(e);
            }
        }
        return out;
    }
}
