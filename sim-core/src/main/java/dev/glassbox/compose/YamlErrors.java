package dev.glassbox.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** A YAML syntax error in the words of the YAML parser Compose uses ({@code yaml: line 3: …}). */
final class YamlErrors {
    private YamlErrors() {}

    static String describe(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            return "yaml: line " + (m.getProblemMark().getLine() + 1) + ": " + problem(m.getProblem());
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return "yaml: line " + Math.max(1, line) + ": " + problem(e.getOriginalMessage());
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
