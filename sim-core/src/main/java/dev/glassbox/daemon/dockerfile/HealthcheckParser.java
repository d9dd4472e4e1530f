package dev.glassbox.daemon.dockerfile;

import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code HEALTHCHECK [--interval=…] [--timeout=…] [--start-period=…] [--retries=…] CMD …} and {@code HEALTHCHECK NONE}. */
final class HealthcheckParser {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private HealthcheckParser() {}

    static Instruction parse(int line, String original, List<String> flags, String rest) {
        String[] parts = rest.split("\\s+", 2);
        String type = parts[0].toUpperCase(java.util.Locale.ROOT);
        if (type.equals("NONE")) {
            if (parts.length > 1 || !flags.isEmpty()) {
                throw DockerException.invalid("HEALTHCHECK NONE takes no arguments");
            }
            return new Instruction.Healthcheck(line, original, List.of("NONE"), 0, 0, 0, 0);
        }
        if (!type.equals("CMD")) {
            throw DockerException.invalid("Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)");
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            throw DockerException.invalid("Missing command after HEALTHCHECK CMD");
        }
        Instruction.Command c = Instructions.command(parts[1].strip());
        List<String> test = new ArrayList<>();
        if (c.json()) {
            test.add("CMD");
            test.addAll(c.args());
        } else {
            test.add("CMD-SHELL");
            test.add(parts[1].strip());
        }
        long interval = 0;
        long timeout = 0;
        long start = 0;
        int retries = 0;
        for (String f : flags) {
            String key = f.split("=", 2)[0];
            String value = f.contains("=") ? f.substring(f.indexOf('=') + 1) : "";
            switch (key) {
                case "interval" -> interval = duration(key, value);
                case "timeout" -> timeout = duration(key, value);
                case "start-period" -> start = duration(key, value);
                case "retries" -> {
                    try {
                        retries = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw DockerException.invalid("strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
                    }
                    if (retries < 0) {
                        throw DockerException.invalid("--retries cannot be negative (" + retries + ")");
                    }
                }
                default -> throw DockerException.invalid("unknown flag: " + key);
            }
        }
        return new Instruction.Healthcheck(line, original, test, interval, timeout, start, retries);
    }

    /** A Go duration ({@code 30s}, {@code 1m30s}, {@code 500ms}) in nanoseconds; at least 1 ms unless 0. */
    static long duration(String flag, String text) {
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = PART.matcher(text);
        long total = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total += (long) (v * unit);
            at = m.end();
        }
        if (at != text.length() || text.isEmpty()) {
            throw DockerException.invalid("time: invalid duration \"" + text + "\"");
        }
        if (total != 0 && total < 1_000_000L) {
            throw DockerException.invalid("Interval \"" + flag + "\" cannot be less than 1ms");
        }
        return total;
    }
}
