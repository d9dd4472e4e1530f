package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.UsageException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker system df} (its table) and {@code docker events} over a finished window: the REPL
 * prints a command's output when the command ends, so it cannot follow the event stream as docker
 * does without {@code --until}; it says so in one line.
 */
final class SystemReports {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private SystemReports() {}

    static int df(Session s, Parsed p) {
        if (p.bool("verbose") || !p.string("format", "").isEmpty()) {
            throw new UsageException("glassbox: 'docker system df " + (p.bool("verbose") ? "-v" : "--format") + "' is not supported yet", 1);
        }
        Api.DiskUsage u = s.api.diskUsage();
        Table t = Table.docker().row("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        long imagesUsed = 0;
        int imagesActive = 0;
        for (Api.ImageSummary i : u.images()) {
            if (i.containers() > 0) {
                imagesActive++;
                imagesUsed += i.size() - u.imageSharedSizes().getOrDefault(i.id(), 0L);
            }
        }
        t.row("Images", String.valueOf(u.images().size()), String.valueOf(imagesActive), size(u.layersSize()),
                reclaimable(u.layersSize() - imagesUsed, u.layersSize()));
        long containersSize = 0;
        long containersIdle = 0;
        int containersActive = 0;
        for (Api.ContainerSummary c : u.containers()) {
            long rw = u.containerSizes().getOrDefault(c.id(), 0L);
            boolean active = c.state().equals("running") || c.state().equals("paused") || c.state().equals("restarting");
            containersActive += active ? 1 : 0;
            containersSize += rw;
            containersIdle += active ? 0 : rw;
        }
        t.row("Containers", String.valueOf(u.containers().size()), String.valueOf(containersActive), size(containersSize),
                reclaimable(containersIdle, containersSize));
        long volumesSize = 0;
        long volumesIdle = 0;
        int volumesActive = 0;
        for (Api.Volume v : u.volumes()) {
            long bytes = u.volumeSizes().getOrDefault(v.name(), 0L);
            boolean used = u.volumeRefCounts().getOrDefault(v.name(), 0) > 0;
            volumesActive += used ? 1 : 0;
            volumesSize += bytes;
            volumesIdle += used ? 0 : bytes;
        }
        t.row("Local Volumes", String.valueOf(u.volumes().size()), String.valueOf(volumesActive), size(volumesSize),
                reclaimable(volumesIdle, volumesSize));
        t.row("Build Cache", "0", "0", "0B", "0B");
        s.out.append(t.toString());
        return 0;
    }

    private static String size(long bytes) {
        return Units.humanSize(bytes, 4);
    }

    /** The CLI's RECLAIMABLE cell: the bytes, and their share of the total when there is any. */
    private static String reclaimable(long bytes, long total) {
        return total > 0 ? size(bytes) + " (" + (bytes * 100 / total) + "%)" : size(bytes);
    }

    static int events(Session s, Parsed p) {
        if (!p.string("format", "").isEmpty()) {
            throw new UsageException("glassbox: 'docker events --format' is not supported yet", 1);
        }
        EventFilters filters = new EventFilters(p.list("filter"));
        String until = p.string("until", "");
        if (until.isEmpty()) {
            s.err("glassbox: docker events without --until follows the daemon until interrupted, which this REPL cannot do; give a window, e.g. docker events --since 10m --until 0s");
            return 1;
        }
        long now = s.nowMillis() * 1_000_000L;
        String since = p.string("since", "");
        long from = since.isEmpty() ? 0 : timestamp(since, now, "since");
        long to = timestamp(until, now, "until");
        for (Api.Event e : s.api.events(from, to + 1)) {
            if (filters.matches(e)) {
                s.out(line(e));
            }
        }
        return 0;
    }

    /** The CLI's line: time, type, action, actor id, then the attributes sorted by key. */
    static String line(Api.Event e) {
        StringBuilder b = new StringBuilder(Dates.logTimestamp(e.timeNanos() / 1_000_000L, e.timeNanos() % 1_000_000_000L))
                .append(' ').append(e.type()).append(' ').append(e.action()).append(' ').append(e.actorId());
        if (!e.attributes().isEmpty()) {
            List<String> attrs = new ArrayList<>();
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                attrs.add(a.getKey() + "=" + a.getValue());
            }
            b.append(" (").append(String.join(", ", attrs)).append(')');
        }
        return b.toString();
    }

    /**
     * The CLI's GetTimestamp: a Go duration before now ({@code 10m}, {@code 1h30m}), Unix seconds with an
     * optional fraction, an RFC 3339 time or a date. Answers Unix nanoseconds.
     */
    static long timestamp(String value, long nowNanos, String flag) {
        if (value.matches("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+")) {
            Matcher m = DURATION_PART.matcher(value);
            double nanos = 0;
            while (m.find()) {
                double n = Double.parseDouble(m.group(1));
                nanos += n * switch (m.group(2)) {
                    case "ns" -> 1;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "m" -> 60e9;
                    default -> 3600e9;
                };
            }
            return nowNanos - (long) nanos;
        }
        if (value.matches("\\d+(\\.\\d{1,9})?")) {
            String[] parts = value.split("\\.");
            long frac = parts.length > 1 ? Long.parseLong((parts[1] + "000000000").substring(0, 9)) : 0;
            return Long.parseLong(parts[0]) * 1_000_000_000L + frac;
        }
        try {
            Instant i = value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeParseException e) {
            throw new UsageException("invalid value for \"" + flag + "\": failed to parse value as time or duration: \"" + value + "\"", 1);
        }
    }
}
