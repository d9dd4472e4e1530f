package dev.glassbox.engineapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.BuildRequest;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * POST /build for the classic builder (the CLI's DOCKER_BUILDKIT=0): the context tar in the body, the
 * build's lines streamed as {@code {"stream": …}} messages, each sent as the builder writes it, with the image id as {@code aux}; a failure
 * before the first step is the request's error, one during the build an {@code errorDetail} in the stream
 * with the code a RUN returned, as dockerd answers.
 */
final class BuildRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NON_ZERO = Pattern.compile("returned a non-zero code: (\\d+)");

    private BuildRoutes() {}

    static List<Route> routes() {
        return List.of(Route.of("POST", "/build", BuildRoutes::build),
                // BuildKit's cache, which docker system prune and builder prune empty
                Route.of("POST", "/build/prune", BuildRoutes::prune));
    }

    private static void prune(Call c) throws IOException {
        dev.glassbox.api.Api.Pruned r = c.api(a -> a.pruneBuildCache(c.request.flag("all")));
        c.exchange.json(200, ContainerRoutes.ordered("CachesDeleted", r.deleted().isEmpty() ? null : r.deleted(), "SpaceReclaimed", r.spaceReclaimed()));
    }

    /** The build's end: the image id, or the error it failed with. */
    private record Done(String id, RuntimeException error) {}

    private static void build(Call c) throws IOException {
        if ("2".equals(c.request.param("version"))) {
            throw DockerException.unsupported("glassbox: only the classic builder is here; build with DOCKER_BUILDKIT=0");
        }
        if (!c.request.param("remote", "").isEmpty()) {
            throw DockerException.unsupported("glassbox: a remote build context is not supported; send a directory");
        }
        List<FileEntry> context = context(c.request.body());
        BuildRequest req = new BuildRequest(context, c.request.param("dockerfile", "Dockerfile"), c.request.query().getOrDefault("t", List.of()),
                map(c.request.param("buildargs")), c.request.flag("nocache"), c.request.param("target", ""), c.request.flag("q"),
                map(c.request.param("labels")));
        // the build runs on the engine's thread; its lines come here as they are written and go out at once
        BlockingQueue<Object> produced = new LinkedBlockingQueue<>();
        Thread builder = new Thread(() -> {
            try {
                produced.add(new Done(c.api(a -> a.build(req, produced::add)), null));
            } catch (RuntimeException e) {
                produced.add(new Done(null, e));
            }
        }, "glassbox-build");
        builder.setDaemon(true);
        builder.start();
        Object next = take(produced);
        if (next instanceof Done d && d.error() != null) {
            throw d.error(); // before the first line: the request's error
        }
        Exchange.Chunked body = c.exchange.stream(200, "application/json");
        // "Successfully built" waits for the build's end, which tells the image id that goes before it as aux
        List<String> held = new ArrayList<>();
        while (next instanceof String line) {
            if (!held.isEmpty() || line.startsWith("Successfully built ")) {
                held.add(line);
            } else if (!req.quiet()) {
                body.json(Map.of("stream", line));
            }
            next = take(produced);
        }
        finish(body, req, held, (Done) next);
    }

    private static Object take(BlockingQueue<Object> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the build ran", e);
        }
    }

    private static void finish(Exchange.Chunked body, BuildRequest req, List<String> held, Done done) throws IOException {
        String built = done.id() == null ? null : "Successfully built " + done.id().substring(7, 19) + "\n";
        int aux = built == null ? -1 : held.lastIndexOf(built);
        if (!req.quiet()) {
            for (int i = 0; i < held.size(); i++) {
                if (i == aux) {
                    body.json(Map.of("aux", Map.of("ID", done.id())));
                }
                body.json(Map.of("stream", held.get(i)));
            }
        }
        if (done.error() != null) {
            String message = done.error().getMessage() != null ? done.error().getMessage() : done.error().toString();
            Matcher m = NON_ZERO.matcher(message);
            Map<String, Object> detail = m.find() ? ContainerRoutes.ordered("code", Integer.parseInt(m.group(1)), "message", message)
                    : Map.of("message", message);
            body.json(ContainerRoutes.ordered("errorDetail", detail, "error", message));
        } else if (req.quiet()) {
            body.json(Map.of("aux", Map.of("ID", done.id())));
            body.json(Map.of("stream", done.id() + "\n"));
        }
        body.end();
    }

    private static List<FileEntry> context(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            return List.of();
        }
        boolean gz = body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        try (InputStream in = gz ? new GZIPInputStream(new ByteArrayInputStream(body)) : new ByteArrayInputStream(body)) {
            return LayerArchive.readTar(in);
        }
    }

    private static Map<String, String> map(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> m = JSON.readValue(json, new TypeReference<Map<String, String>>() {});
            m.values().removeIf(java.util.Objects::isNull);
            return m;
        } catch (IOException e) {
            throw DockerException.invalid("error reading build args: " + e.getMessage());
        }
    }
}
