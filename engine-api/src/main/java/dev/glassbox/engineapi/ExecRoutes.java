package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docker exec}: create, start (hijacked, or detached), inspect, resize. */
final class ExecRoutes {
    private ExecRoutes() {}

    static List<Route> routes() {
        return List.of(
                Route.of("POST", "/containers/{id}/exec", ExecRoutes::create),
                Route.of("POST", "/exec/{id}/start", ExecRoutes::start),
                Route.of("POST", "/exec/{id}/resize", c -> {
                    Integer h = c.intParam("h");
                    Integer w = c.intParam("w");
                    c.apiRun(a -> a.execResize(c.path("id"), h == null ? 0 : h, w == null ? 0 : w));
                    c.exchange.send(200, "text/plain; charset=utf-8", new byte[0]);
                }),
                Route.of("GET", "/exec/{id}/json", ExecRoutes::inspect));
    }

    private static void create(Call c) throws IOException {
        Body b = Body.parse(c.request.body(), "ExecConfig", "No exec command specified");
        List<String> cmd = b.strings("Cmd");
        Api.ExecConfig config = new Api.ExecConfig(cmd, b.strings("Env"), b.string("WorkingDir"), b.string("User"), b.bool("Tty"),
                b.bool("AttachStdin"), b.bool("Privileged"));
        String id = c.api(a -> a.execCreate(c.path("id"), config));
        c.exchange.json(201, Map.of("Id", id));
    }

    private record Started(Api.Attachment attachment, Api.ExecResult result) {}

    private static void start(Call c) throws IOException {
        Body b = Body.parse(c.request.body(), "ExecStartCheck", null);
        String id = c.path("id");
        if (b.bool("Detach")) {
            c.apiRun(a -> a.execStartDetached(id));
            c.exchange.send(200, null, new byte[0]);
            return;
        }
        boolean tty = b.bool("Tty");
        Started s = c.api(a -> {
            try {
                return new Started(a.execAttach(id), null);
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.UNSUPPORTED) {
                    throw e;
                }
                return new Started(null, a.execStart(id)); // an API without exec streams: the whole output at the end
            }
        });
        StreamRoutes.upgradeOrOk(c, tty ? Frames.RAW : Frames.MULTIPLEXED);
        try {
            if (s.result() != null) {
                c.exchange.wire.write(Frames.encode(s.result().output(), tty, true, true));
                return;
            }
            Thread input = Pipes.forward(c.exchange.wire, c.loop, s.attachment());
            try {
                StreamRoutes.pumpOutput(c, s.attachment(), s.attachment().tty() || tty, true, true);
            } finally {
                input.interrupt();
                c.loop.run(e -> s.attachment().close());
            }
        } finally {
            c.exchange.wire.close();
        }
    }

    private static void inspect(Call c) throws IOException {
        Api.ExecInspect e = c.api(a -> a.execInspect(c.path("id")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", e.id());
        m.put("Running", e.running());
        m.put("ExitCode", e.exitCode());
        m.put("CanRemove", false);
        m.put("ContainerID", e.containerId());
        m.put("DetachKeys", "");
        m.put("OpenStdin", false);
        m.put("OpenStderr", true);
        m.put("OpenStdout", true);
        m.put("Pid", e.pid());
        c.exchange.json(200, m);
    }
}
