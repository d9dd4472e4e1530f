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

    static int commit(Session s, Parsed p) {
        String reference = p.args.size() > 1 ? p.args.get(1) : "";
        if (!reference.isEmpty()) {
            ImageCommands.reference(reference);
        }
        boolean pause = p.bool("pause") && !p.bool("no-pause");
        s.out(s.api.commit(p.args.get(0), new Api.CommitOptions(reference, p.string("message", ""), p.string("author", ""),
                p.list("change"), pause)));
        return 0;
    }
}
