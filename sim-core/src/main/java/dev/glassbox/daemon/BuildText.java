package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.Healthcheck;
import java.util.ArrayList;
import java.util.List;

/** How the classic builder writes values into history lines: Go's {@code %q} and {@code %v} of slices, durations, ports. */
final class BuildText {
    private BuildText() {}

    /** Go's {@code %q} of a []string: {@code ["nginx" "-g" "daemon off;"]}. */
    static String quoted(List<String> values) {
        if (values == null) {
            return "[]";
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(goQuote(v));
        }
        return "[" + String.join(" ", out) + "]";
    }

    /** Go's {@code %v} of a []string: {@code [/bin/bash -c]}. */
    static String plain(List<String> values) {
        return "[" + String.join(" ", values == null ? List.of() : values) + "]";
    }

    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\x%02x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Go's {@code %+v} of the *HealthConfig the builder sets. */
    static String healthcheck(Healthcheck h) {
        return "&{Test:" + plain(h.test()) + " Interval:" + duration(h.intervalNanos()) + " Timeout:" + duration(h.timeoutNanos())
                + " StartPeriod:" + duration(h.startPeriodNanos()) + " StartInterval:" + duration(h.startIntervalNanos()) + " Retries:" + h.retries() + "}";
    }

    /** Go's time.Duration.String for whole milliseconds and up: {@code 0s}, {@code 500ms}, {@code 1m30s}, {@code 1h0m0s}. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            return trim(nanos / 1_000_000.0) + "ms";
        }
        long h = nanos / 3_600_000_000_000L;
        long m = nanos / 60_000_000_000L % 60;
        double s = (nanos % 60_000_000_000L) / 1e9;
        String sec = trim(s) + "s";
        if (h > 0) {
            return h + "h" + m + "m" + sec;
        }
        return m > 0 ? m + "m" + sec : sec;
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.9f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** EXPOSE's port as the config keeps it: {@code 80/tcp}; a bad one in moby's words. */
    static String port(String spec) {
        String p = spec;
        String proto = "tcp";
        int slash = p.indexOf('/');
        if (slash >= 0) {
            proto = p.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            p = p.substring(0, slash);
        }
        if (!List.of("tcp", "udp", "sctp").contains(proto)) {
            throw DockerException.invalid("invalid proto: " + proto);
        }
        if (!p.matches("\\d{1,5}") || Integer.parseInt(p) > 65535) {
            throw DockerException.invalid("invalid containerPort: " + p);
        }
        return Integer.parseInt(p) + "/" + proto;
    }

    /** WORKDIR against the current one, cleaned as Go's filepath.Clean would. */
    static String workdir(String current, String given) {
        String base = current.isEmpty() ? "/" : current;
        String full = given.startsWith("/") ? given : base + "/" + given;
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : full.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
