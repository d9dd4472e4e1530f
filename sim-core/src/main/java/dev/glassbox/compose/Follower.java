package dev.glassbox.compose;

import dev.glassbox.api.Api;
import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.Api.LogLine;
import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compose's log consumer while it follows containers: each look prints what they wrote since the last
 * one, after their prefixes, and {@code web-1 exited with code 0} for each that stopped since.
 */
final class Follower {
    private final Session s;
    private final List<ContainerSummary> containers;
    private final LogPrinter printer;
    /** How many of each container's log lines were shown (or skipped) already. */
    private final Map<String, Integer> seen = new HashMap<>();
    private final Set<String> exited = new HashSet<>();
    /** After {@link #attach}: one output stream per container that ran then, drained at each look. */
    private final Map<String, Api.Attachment> streams = new java.util.LinkedHashMap<>();
    private boolean attached;

    Follower(Session s, List<ContainerSummary> containers, LogPrinter printer) {
        this.s = s;
        this.containers = List.copyOf(containers);
        this.printer = printer;
    }

    /** Attached from {@code sinceMillis} on: what the containers printed before is not shown. */
    void skipBefore(long sinceMillis) {
        for (ContainerSummary c : containers) {
            seen.put(c.id(), (int) lines(c).stream().filter(l -> l.timeMillis() < sinceMillis).count());
        }
    }

    /** What was printed so far was shown already, and containers stopped now have no exit line to come. */
    void skipAll() {
        Set<String> running = running();
        for (ContainerSummary c : containers) {
            seen.put(c.id(), lines(c).size());
            if (!running.contains(c.id())) {
                exited.add(c.id());
            }
        }
    }

    /**
     * From now on each look drains one attachment per running container, as Compose attaches to each
     * container once, instead of asking for every container's whole log again (a request per look).
     * What was printed before this is taken from the logs first; no time passes in between.
     */
    void attach() {
        Set<String> running = running();
        catchUp(running);
        for (ContainerSummary c : containers) {
            if (running.contains(c.id())) {
                streams.put(c.id(), s.api.attach(c.id(), Api.AttachOptions.OUTPUT));
            }
        }
        attached = true;
    }

    /** Closes the attachments {@link #attach} opened. */
    void close() {
        streams.values().forEach(Api.Attachment::close);
        streams.clear();
    }

    /** Prints the new lines, then the exit line of each container that stopped; answers whether any still runs. */
    boolean look() {
        if (!attached) {
            return catchUp(running());
        }
        List<LogPrinter.Chunk> chunks = new ArrayList<>();
        Set<String> running = new HashSet<>();
        for (ContainerSummary c : containers) {
            Api.Attachment a = streams.get(c.id());
            if (a == null) {
                continue;
            }
            for (LogLine l : a.drain()) {
                chunks.add(new LogPrinter.Chunk(Session.shortName(c), l));
            }
            if (!a.ended()) {
                running.add(c.id());
            }
        }
        return finish(chunks, running);
    }

    private boolean catchUp(Set<String> running) {
        List<LogPrinter.Chunk> chunks = new ArrayList<>();
        for (ContainerSummary c : containers) {
            List<LogLine> all = lines(c);
            int from = Math.min(seen.getOrDefault(c.id(), 0), all.size());
            for (LogLine l : all.subList(from, all.size())) {
                chunks.add(new LogPrinter.Chunk(Session.shortName(c), l));
            }
            seen.put(c.id(), all.size());
        }
        return finish(chunks, running);
    }

    private boolean finish(List<LogPrinter.Chunk> chunks, Set<String> running) {
        printer.print(chunks);
        for (ContainerSummary c : containers) {
            if (!running.contains(c.id()) && exited.add(c.id())) {
                exitLine(c);
            }
        }
        return containers.stream().anyMatch(c -> running.contains(c.id()));
    }

    private void exitLine(ContainerSummary c) {
        try {
            Object code = ((Map<?, ?>) s.api.inspectContainer(c.id()).get("State")).get("ExitCode");
            s.out(Session.shortName(c) + " exited with code " + code);
        } catch (DockerException e) {
            // removed meanwhile: nothing to tell
        }
    }

    private List<LogLine> lines(ContainerSummary c) {
        try {
            return s.api.logs(c.id(), true, true, "all", false);
        } catch (DockerException e) {
            return List.of();
        }
    }

    private Set<String> running() {
        Set<String> ids = new HashSet<>();
        s.api.containers(false).forEach(c -> ids.add(c.id()));
        return ids;
    }
}
