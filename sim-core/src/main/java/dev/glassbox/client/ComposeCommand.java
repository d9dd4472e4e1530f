package dev.glassbox.client;

import dev.glassbox.compose.Compose;
import java.util.List;
import java.util.function.Function;

/** {@code docker compose …}: the session's API, files and streams handed to Compose, a client of its own. */
final class ComposeCommand {
    private ComposeCommand() {}

    static int run(Session s, List<String> args, Function<List<String>, Integer> docker) {
        Compose.Context c = new Compose.Context(s.api, s.workspace, s.out::append, s.err::append, s::nowMillis, docker,
                s.pump::advance, s.console != null,
                s.console == null ? null : new ComposeTerminal(s), question -> Prompt.ask(s, question));
        return Compose.run(c, args);
    }
}
