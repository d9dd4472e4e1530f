package dev.glassbox.engineapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code filters} query parameter as clients send it: {@code {"status":{"exited":true}}} (the CLI)
 * or {@code {"status":["exited"]}} (older clients and the SDKs). Values of one key are alternatives;
 * different keys must all match.
 */
final class Filters {
    private final Map<String, List<String>> values;

    private Filters(Map<String, List<String>> values) {
        this.values = values;
    }

    static Filters parse(String json) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return new Filters(out);
        }
        JsonNode n;
        try {
            n = Exchange.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw DockerException.invalid("invalid filter: " + json);
        }
        if (n == null || !n.isObject()) {
            throw DockerException.invalid("invalid filter: " + json);
        }
        n.fields().forEachRemaining(e -> {
            List<String> vs = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                v.forEach(x -> vs.add(x.asText()));
            } else if (v.isObject()) {
                v.fields().forEachRemaining(x -> {
                    if (x.getValue().asBoolean()) {
                        vs.add(x.getKey());
                    }
                });
            } else {
                throw DockerException.invalid("invalid filter: " + json);
            }
            out.put(e.getKey(), vs);
        });
        return new Filters(out);
    }

    /** Docker's 400 for a key this list does not know. */
    void allow(String... keys) {
        List<String> known = List.of(keys);
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                throw DockerException.invalid("invalid filter '" + k + "'");
            }
        }
    }

    boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isEmpty();
    }

    List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** True when the key is absent, or one of its values passes. */
    boolean any(String key, Predicate<String> test) {
        List<String> vs = values.get(key);
        return vs == null || vs.isEmpty() || vs.stream().anyMatch(test);
    }

    /** Docker's name filter: a regular expression found anywhere in the name. */
    static boolean find(String regex, String text) {
        try {
            return Pattern.compile(regex).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return text.contains(regex);
        }
    }

    /** {@code key} or {@code key=value} against labels. */
    static boolean label(String filter, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        int eq = filter.indexOf('=');
        return eq < 0 ? l.containsKey(filter) : filter.substring(eq + 1).equals(l.get(filter.substring(0, eq)));
    }
}
