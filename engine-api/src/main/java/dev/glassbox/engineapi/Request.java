package dev.glassbox.engineapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the client sent it: {@code line} is the request line verbatim, {@code path}
 * the decoded path without the {@code /v1.NN} prefix, {@code version} that prefix's API version
 * (null when the path has none), headers by lower-case name.
 */
record Request(String line, String method, String target, String path, String version, Map<String, List<String>> query,
               Map<String, String> headers, byte[] body) {
    Request {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static Request of(String line, Map<String, String> headers, byte[] body) {
        String[] parts = line.split(" ");
        String method = parts[0];
        String target = parts[1];
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        String version = null;
        String path = rawPath;
        if (path.matches("/v[0-9]+\\.[0-9]+(/.*)?")) {
            int slash = path.indexOf('/', 1);
            version = slash < 0 ? path.substring(2) : path.substring(2, slash);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return new Request(line, method, target, decodePath(path), version, query, headers, body);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Percent-decoding only ({@code +} stays a plus in a path: image tags never have one, but keep it honest). */
    private static String decodePath(String s) {
        return s.indexOf('%') < 0 ? s : decode(s.replace("+", "%2B"));
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The query parameter's first value, or null. */
    String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    String param(String name, String fallback) {
        String v = param(name);
        return v == null ? fallback : v;
    }

    /** Docker's boolean query values: 1, true, True (and anything else but 0, false, empty, absent). */
    boolean flag(String name) {
        String v = param(name);
        return v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** The line as the trace shows it: {@code POST /v1.50/containers/create?name=web HTTP/1.1}. */
    @Override
    public String toString() {
        return line;
    }
}
