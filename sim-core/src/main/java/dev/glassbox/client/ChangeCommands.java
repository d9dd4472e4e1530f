package dev.glassbox.client;

import dev.glassbox.api.Api;

/** {@code diff} and {@code commit}: a container's writable layer, listed or turned into an image. */
final class ChangeCommands {
    private ChangeCommands() {}

    static int diff(Session s, Parsed p) {
        for (Api.Change c : s.api.changes(p.args.get(0))) {
            s.out(c.letter() + " " + c.path());
        }
        return 0;
    }
}
