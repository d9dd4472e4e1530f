package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.Api.LogLine;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker compose logs [-f] [SERVICE...]}: the output of the project's containers, each line after
 * its prefix. With {@code -f} at the user's console it follows what they print until all have exited or
 * Ctrl-C; without one it waits a bounded while, and says so in one line when they still run at the end.
 */
final class Logs {
    private Logs() {}

    static int run(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("follow", "f"), Flags.value("tail", "n"), Flags.bool("timestamps", "t"),
                Flags.bool("no-color", ""), Flags.bool("no-log-prefix", ""), Flags.value("since", ""), Flags.value("until", ""),
                Flags.value("index", "")), true);
        if (!f.args.isEmpty()) {
            s.project().select(f.args);
        }
        List<ContainerSummary> containers = s.containers(true, f.args);
        boolean follow = f.bool("follow");
        if (follow && s.c.terminal() == null) {
            for (int look = 0; look < Up.ATTACH_LOOKS && anyRunning(s, containers); look++) {
                s.c.advance().run();
            }
        }
        List<LogPrinter.Chunk> chunks = new ArrayList<>();
        for (ContainerSummary c : containers) {
            for (LogLine l : s.api.logs(c.id(), true, true, f.string("tail", "all"), false)) {
                chunks.add(new LogPrinter.Chunk(Session.shortName(c), l));
            }
        }
        LogPrinter printer = new LogPrinter(s, containers.stream().map(Session::shortName).toList(), !f.bool("no-log-prefix"));
        printer.print(chunks);
        if (follow && s.c.terminal() != null) {
            Follower follower = new Follower(s, containers, printer);
            follower.skipAll();
            return follow(s.c.terminal(), follower);
        }
        if (follow && anyRunning(s, containers)) {
            s.err("glassbox: docker compose logs -f stops here: the containers run on and what they print later is not followed");
        }
        return 0;
    }

    /** At the user's console: what the containers print as they print it, until all have exited or Ctrl-C. */
    private static int follow(Terminal t, Follower follower) {
        t.open();
        follower.attach();
        try {
            while (follower.look()) {
                if (t.tick()) {
                    return Up.INTERRUPTED;
                }
            }
            return 0;
        } finally {
            follower.close();
            t.close();
        }
    }

    private static boolean anyRunning(Session s, List<ContainerSummary> containers) {
        List<String> ids = containers.stream().map(ContainerSummary::id).toList();
        return s.api.containers(false).stream().anyMatch(c -> ids.contains(c.id()));
    }
}
