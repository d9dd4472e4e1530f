package dev.glassbox.client;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;

/** {@code save}, {@code load} and {@code import}: images to and from tar files. */
final class TransferCommands {
    private TransferCommands() {}

    static int save(Session s, Parsed p) {
        String file = p.string("output", "");
        if (file.isEmpty()) {
            throw new UsageException("cowardly refusing to save to a terminal. Use the -o flag or redirect", 1);
        }
        for (String name : p.args) {
            ImageCommands.reference(name);
        }
        s.api.save(p.args, file);
        return 0;
    }

    static int load(Session s, Parsed p) {
        String file = p.string("input", "");
        if (file.isEmpty()) {
            throw new UsageException("requested load from stdin, but stdin is empty", 1);
        }
        try {
            s.api.load(file).forEach(s::out);
        } catch (DockerException e) {
            return clientSide(s, e);
        }
        return 0;
    }

    static int importImage(Session s, Parsed p) {
        String reference = p.args.size() > 1 ? p.args.get(1) : "";
        if (!reference.isEmpty()) {
            ImageCommands.reference(reference);
        }
        try {
            s.out(s.api.importImage(p.args.get(0), reference, p.string("message", ""), p.list("change")));
        } catch (DockerException e) {
            return clientSide(s, e);
        }
        return 0;
    }

    /** The docker CLI opens the file itself, so a missing file is its own error, not the daemon's. */
    private static int clientSide(Session s, DockerException e) {
        if (!Session.notFound(e)) {
            throw e;
        }
        s.err(e.getMessage());
        return 1;
    }
}
