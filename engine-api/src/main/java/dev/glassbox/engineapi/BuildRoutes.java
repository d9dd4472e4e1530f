package dev.glassbox.engineapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.BuildRequest;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build}: the classic builder, as the docker CLI drives it with the legacy builder (no
 * buildx, or {@code DOCKER_BUILDKIT=0}). The body is the context as a tar; what the builder prints
 * streams back as {@code {"stream": …}} lines, the image id as {@code {"aux":{"ID": …}}}. An error
 * before anything was sent is an HTTP error; after, an {@code errorDetail} line, as dockerd does.
 */
final class BuildRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A failing RUN's exit status, which the CLI exits with when the error line carries it as its code. */
    private static final java.util.regex.Pattern NON_ZERO = java.util.regex.Pattern.compile("returned a non-zero code: (\\d{1,3})$");

    private BuildRoutes() {}

    static List<Route> routes() {
        return List.of(Route.of("POST", "/build", BuildRoutes::build));
    }

    private static void build(Call c) throws IOException {
        if (c.request.param("version", "1").equals("2")) {
            throw DockerException.invalid("glassbox: BuildKit builds (version=2) are not served; the classic builder is (DOCKER_BUILDKIT=0)");
        }
        if (!c.request.param("remote", "").isEmpty()) {
            throw DockerException.invalid("glassbox: builds from a remote context are not served; send the context as a tar");
        }
        BuildRequest request = request(c);
        Stream out = new Stream(c.exchange);
        String id;
        try {
            id = c.api(a -> a.build(request, out::text));
        } catch (DockerException e) {
            if (!out.started()) {
                throw e;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            java.util.regex.Matcher code = NON_ZERO.matcher(e.getMessage());
            if (code.find()) {
                detail.put("code", Integer.parseInt(code.group(1)));
            }
            detail.put("message", e.getMessage());
            out.body().json(ContainerRoutes.ordered("errorDetail", detail, "error", e.getMessage()));
            out.body().end();
            return;
        }
        Exchange.Chunked body = out.body();
        body.json(Map.of("aux", Map.of("ID", id)));
        body.end();
    }

    private static BuildRequest request(Call c) {
        List<FileEntry> context;
        try {
            byte[] tar = c.request.body();
            context = tar == null || tar.length == 0 ? List.of() : LayerArchive.readTar(new ByteArrayInputStream(tar));
        } catch (IOException | RuntimeException e) {
            throw DockerException.invalid("failed to read the build context: " + e.getMessage());
        }
        List<String> tags = c.request.query().getOrDefault("t", List.of()).stream().filter(t -> !t.isEmpty()).toList();
        return new BuildRequest(context, c.request.param("dockerfile", "Dockerfile"), tags,
                stringMap(c, "buildargs"), c.request.flag("nocache"), emptyToNull(c.request.param("target")),
                c.request.flag("q"), stringMap(c, "labels"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A JSON object of strings in a query parameter ({@code buildargs}, {@code labels}); a null value is left out. */
    private static Map<String, String> stringMap(Call c, String name) {
        String v = c.request.param(name);
        if (v == null || v.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> raw = JSON.readValue(v, new TypeReference<LinkedHashMap<String, String>>() {});
            Map<String, String> out = new LinkedHashMap<>();
            raw.forEach((k, val) -> {
                if (val != null) {
                    out.put(k, val);
                }
            });
            return out;
        } catch (IOException e) {
            throw DockerException.invalid("invalid " + name + " parameter: " + e.getMessage().split("\n")[0]);
        }
    }

    /** The answer's stream, begun at the builder's first words (so an early error can still be an HTTP status). */
    private static final class Stream {
        private final Exchange exchange;
        private Exchange.Chunked body;

        Stream(Exchange exchange) {
            this.exchange = exchange;
        }

        boolean started() {
            return body != null;
        }

        Exchange.Chunked body() throws IOException {
            if (body == null) {
                body = exchange.stream(200, "application/json");
            }
            return body;
        }

        void text(String chunk) {
            if (chunk == null || chunk.isEmpty()) {
                return;
            }
            try {
                body().json(Map.of("stream", chunk));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
