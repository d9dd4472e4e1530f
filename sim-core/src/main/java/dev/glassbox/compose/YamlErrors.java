package dev.glassbox.compose;

import org.yaml.snakeyaml.error.MarkedYAMLException;

/** A YAML syntax error in the words of the YAML parser Compose uses ({@code yaml: line 3: …}). */
final class YamlErrors {
    private YamlErrors() {}

    static String describe(MarkedYAMLException m) {
        return "yaml: line " + (m.getProblemMark() == null ? 1 : m.getProblemMark().getLine() + 1) + ": " + problem(m.getProblem());
    }

    /** SnakeYAML's wording where go-yaml's differs. */
    private static String problem(String p) {
        if (p == null) {
            return "did not find expected key";
        }
        if (p.startsWith("mapping values are not allowed")) {
            return "mapping values are not allowed in this context";
        }
        if (p.startsWith("found character '\\t'") || p.contains("cannot start any token")) {
            return "found character that cannot start any token";
        }
        if (p.startsWith("found duplicate key")) {
            return p;
        }
        return p.replace("expected <block end>, but found '<block mapping start>'", "did not find expected key");
    }
}
