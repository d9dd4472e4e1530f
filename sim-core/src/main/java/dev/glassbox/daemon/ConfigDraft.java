package dev.glassbox.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The runtime config of an image being committed, editable by {@code docker commit -c} lines: the
 * Dockerfile instructions Docker allows there (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR,
 * STOPSIGNAL), in JSON or shell form.
 */
final class ConfigDraft {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KNOWN = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    final Map<String, String> env = new LinkedHashMap<>();
    List<String> entrypoint;
    List<String> cmd;
    String workingDir;
    String user;
    final Set<String> exposedPorts = new LinkedHashSet<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    String stopSignal;

    void putEnv(String kv) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
    }

    List<String> envList() {
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** One {@code -c} line, as Docker's daemon reads it. */
    void apply(String line) {
        String text = line.strip();
        String[] parts = text.split("\\s+", 2);
        String word = parts[0].toUpperCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        if (!KNOWN.contains(word)) {
            throw DockerException.invalid("dockerfile parse error on line 1: unknown instruction: " + parts[0]);
        }
        switch (word) {
            case "CMD" -> cmd = command(rest);
            case "ENTRYPOINT" -> entrypoint = command(rest);
            case "ENV" -> pairs(word, rest, env);
            case "LABEL" -> pairs(word, rest, labels);
            case "EXPOSE" -> {
                for (String p : rest.split("\\s+")) {
                    exposedPorts.add(p.contains("/") ? p : p + "/tcp");
                }
            }
            case "USER" -> user = rest;
            case "WORKDIR" -> workingDir = rest;
            case "STOPSIGNAL" -> stopSignal = rest;
            default -> throw DockerException.invalid(word + " is not a valid change command");
        }
    }

    private static List<String> command(String rest) {
        if (rest.startsWith("[")) {
            try {
                JsonNode n = JSON.readTree(rest);
                List<String> out = new ArrayList<>();
                n.forEach(x -> out.add(x.asText()));
                return out;
            } catch (java.io.IOException e) {
                // not JSON: Docker then takes the line in shell form
            }
        }
        return List.of("/bin/sh", "-c", rest);
    }

    private static void pairs(String word, String rest, Map<String, String> into) {
        if (!rest.contains("=")) {
            String[] kv = rest.split("\\s+", 2);
            if (kv.length < 2) {
                throw DockerException.invalid(word + " must have two arguments");
            }
            into.put(kv[0], kv[1]);
            return;
        }
        for (String pair : rest.split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw DockerException.invalid("Syntax error - can't find = in \"" + pair + "\". Must be of the form: name=value");
            }
            into.put(pair.substring(0, eq), unquote(pair.substring(eq + 1)));
        }
    }

    private static String unquote(String v) {
        return v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
                ? v.substring(1, v.length() - 1) : v;
    }
}
