package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.Map;

/**
 * A container's run state as a stream or a wait sees it, read through the API without a trace:
 * whether it runs, when it last finished (which tells a new exit from an old one), its exit code,
 * and whether it is gone.
 */
record Watch(String id, boolean running, String finishedAt, int exitCode, String error, boolean removed) {
    static Watch of(Api api, String id) {
        try {
            Map<String, Object> c = api.inspectContainer(id);
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) c.get("State");
            return new Watch((String) c.get("Id"), Boolean.TRUE.equals(s.get("Running")) || Boolean.TRUE.equals(s.get("Restarting")),
                    String.valueOf(s.get("FinishedAt")), ((Number) s.get("ExitCode")).intValue(), String.valueOf(s.get("Error")), false);
        } catch (DockerException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return gone(api, id);
            }
            throw e;
        }
    }

    /** A removed container, with the exit the daemon remembers for its full id (a --rm container's status). */
    private static Watch gone(Api api, String id) {
        try {
            Api.WaitResult w = api.await(id, "removed");
            return new Watch(id, false, "", w.statusCode(), w.error(), true);
        } catch (DockerException e) {
            return new Watch(id, false, "", 0, "", true);
        }
    }

    /** Whether the container has stopped since {@code before} was seen: a new finish, or it is gone. */
    boolean exitedSince(Watch before) {
        return removed || (!running && !finishedAt.equals(before.finishedAt));
    }
}
