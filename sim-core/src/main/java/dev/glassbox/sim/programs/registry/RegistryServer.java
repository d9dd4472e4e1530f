package dev.glassbox.sim.programs.registry;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Clock;
import dev.glassbox.sim.programs.Http;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * registry (distribution 2.8.3), the program of the {@code registry:2} image: {@code registry serve
 * CONFIG} listens on the config's {@code http.addr} and answers the Registry HTTP API v2 from files
 * under {@code storage.filesystem.rootdirectory} ({@link RegistryStorage}): the base check, the
 * catalog, tag lists, manifests and blobs by GET and HEAD, and pushes (POST, PATCH and PUT of blob
 * uploads, PUT of manifests). Deletes are refused as a registry without {@code delete.enabled} does.
 */
public final class RegistryServer {
    private static final String VERSION = "2.8.3";
    private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/?");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");

    private record Reply(int status, String type, byte[] body, Map<String, String> headers) {}

    private final Sys sys;
    private final RegistryStorage storage;
    private final String fields;
    private int uploads;

    private RegistryServer(Sys sys, String root) {
        this.sys = sys;
        this.storage = new RegistryStorage(sys, root);
        this.fields = " go.version=go1.20.8 instance.id=" + uuid(sys.getpid() * 7919L + sys.timeMillis())
                + " service=registry version=" + VERSION;
    }

    public static int main(Sys sys) {
        List<String> argv = sys.argv();
        if (argv.size() >= 2 && (argv.get(1).equals("--version") || argv.get(1).equals("-v"))) {
            sys.out("registry github.com/docker/distribution v" + VERSION + "\n");
            return 0;
        }
        if (argv.size() < 3 || !argv.get(1).equals("serve")) {
            sys.err("`registry` is an open-source, self-hosted container image registry\n\nUsage:\n  registry [flags]\n"
                    + "  registry [command]\n\nAvailable Commands:\n  serve       `serve` stores and distributes Docker images\n");
            return argv.size() < 2 ? 0 : 1;
        }
        String config;
        try {
            config = sys.readText(argv.get(2));
        } catch (SysError e) {
            sys.err("configuration error: open " + argv.get(2) + ": no such file or directory\n");
            return 1;
        }
        String root = value(config, "rootdirectory", "/var/lib/registry");
        String addr = value(config, "addr", ":5000");
        int port = Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
        return new RegistryServer(sys, root).serve(port);
    }

    /** The first {@code key: value} of a YAML file, enough for the registry's small config. */
    private static String value(String yaml, String key, String fallback) {
        Matcher m = Pattern.compile("(?m)^\\s*" + key + ":\\s*(\\S+)\\s*$").matcher(yaml);
        return m.find() ? m.group(1) : fallback;
    }

    private void log(String level, String msg) {
        sys.err("time=\"" + Clock.strftime("%Y-%m-%dT%H:%M:%S", sys.timeMillis()) + "." + String.format("%03d", sys.timeMillis() % 1000)
                + "000000Z\" level=" + level + " msg=\"" + msg + "\"" + fields + "\n");
    }

    private int serve(int port) {
        log("warning", "No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple"
                + " registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the"
                + " configuration file or set the REGISTRY_HTTP_SECRET environment variable.");
        log("info", "redis not configured");
        log("info", "Starting upload purge in 20m0s");
        log("info", "using inmemory blob descriptor cache");
        int listener = sys.listen(port);
        log("info", "listening on [::]:" + port);
        while (true) {
            int conn = sys.accept(listener);
            try {
                exchange(conn);
            } catch (SysError e) {
                // the client went away
            } finally {
                try {
                    sys.close(conn);
                } catch (SysError e) {
                    // already closed
                }
            }
        }
    }

    private void exchange(int conn) {
        Http.Head head = Http.readHead(sys, conn);
        if (head == null) {
            return;
        }
        String[] line = head.firstLine().split(" ");
        if (line.length != 3) {
            send(conn, text(400, "400 Bad Request"), false);
            return;
        }
        boolean hasBody = head.header("content-length") != null || "chunked".equalsIgnoreCase(head.header("transfer-encoding"));
        byte[] body = hasBody ? Http.readBody(sys, conn, head) : new byte[0];
        String target = line[1];
        String path = target.split("\\?")[0];
        String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
        Reply r = route(line[0], path, query, body, head);
        send(conn, r, line[0].equals("HEAD"));
        String peer = sys.peer(conn);
        String agent = head.header("user-agent") == null ? "" : head.header("user-agent");
        sys.out(peer.substring(0, peer.lastIndexOf(':')) + " - - [" + Clock.strftime("%d/%b/%Y:%H:%M:%S +0000", sys.timeMillis())
                + "] \"" + head.firstLine() + "\" " + r.status() + " " + r.body().length + " \"\" \"" + agent + "\"\n");
    }

    private Reply route(String method, String path, String query, byte[] body, Http.Head head) {
        if (path.equals("/v2/") || path.equals("/v2")) {
            return json(200, "{}");
        }
        if (path.equals("/v2/_catalog")) {
            return json(200, "{\"repositories\":" + array(storage.catalog()) + "}\n");
        }
        Matcher m;
        if ((m = TAGS.matcher(path)).matches()) {
            String name = m.group(1);
            return storage.hasRepository(name)
                    ? json(200, "{\"name\":" + quote(name) + ",\"tags\":" + array(storage.tags(name)) + "}\n")
                    : error(404, "NAME_UNKNOWN", "repository name not known to registry", "{\"name\":" + quote(name) + "}");
        }
        if ((m = MANIFEST.matcher(path)).matches()) {
            return manifest(method, m.group(1), m.group(2), body, head);
        }
        if ((m = UPLOADS.matcher(path)).matches() && method.equals("POST")) {
            return startUpload(m.group(1), query, body);
        }
        if ((m = UPLOAD.matcher(path)).matches()) {
            return upload(method, m.group(1), m.group(2), query, body);
        }
        if ((m = BLOB.matcher(path)).matches()) {
            return blob(method, m.group(1), m.group(2));
        }
        return text(404, "404 page not found");
    }

    private Reply manifest(String method, String name, String reference, byte[] body, Http.Head head) {
        if (method.equals("PUT")) {
            String digest = storage.putBlob(name, body, true);
            if (!reference.startsWith("sha256:")) {
                storage.tag(name, reference, digest);
            }
            return created("/v2/" + name + "/manifests/" + digest, digest);
        }
        if (method.equals("DELETE")) {
            return error(405, "UNSUPPORTED", "The operation is unsupported.", null);
        }
        String digest = storage.manifestDigest(name, reference);
        if (digest == null) {
            return storage.hasRepository(name) || reference.startsWith("sha256:")
                    ? error(404, "MANIFEST_UNKNOWN", "manifest unknown", "{\"Tag\":" + quote(reference) + "}")
                    : error(404, "NAME_UNKNOWN", "repository name not known to registry", "{\"name\":" + quote(name) + "}");
        }
        byte[] data = storage.blob(digest);
        Matcher type = Pattern.compile("\"mediaType\"\\s*:\\s*\"([^\"]+)\"").matcher(new String(data, StandardCharsets.UTF_8));
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Docker-Content-Digest", digest);
        h.put("Etag", "\"" + digest + "\"");
        return new Reply(200, type.find() ? type.group(1) : "application/vnd.docker.distribution.manifest.v2+json", data, h);
    }

    private Reply startUpload(String name, String query, byte[] body) {
        String uuid = uuid(++uploads * 104_729L + sys.timeMillis());
        storage.startUpload(name, uuid);
        String digest = param(query, "digest");
        if (digest != null) {
            return upload("PUT", name, uuid, query, body);
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", "/v2/" + name + "/blobs/uploads/" + uuid);
        h.put("Range", "0-0");
        h.put("Docker-Upload-Uuid", uuid);
        return new Reply(202, "", new byte[0], h);
    }

    private Reply upload(String method, String name, String uuid, String query, byte[] body) {
        byte[] data = storage.appendUpload(name, uuid, body);
        if (data == null) {
            return error(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", null);
        }
        if (method.equals("PATCH")) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Location", "/v2/" + name + "/blobs/uploads/" + uuid);
            h.put("Range", "0-" + Math.max(0, data.length - 1));
            h.put("Docker-Upload-Uuid", uuid);
            return new Reply(202, "", new byte[0], h);
        }
        String digest = param(query, "digest");
        if (!method.equals("PUT") || digest == null) {
            return error(400, "DIGEST_INVALID", "provided digest did not match uploaded content", null);
        }
        if (!RegistryStorage.sha256(data).equals(digest)) {
            return error(400, "DIGEST_INVALID", "provided digest did not match uploaded content", null);
        }
        storage.putBlob(name, data, false);
        storage.finishUpload(name, uuid);
        return created("/v2/" + name + "/blobs/" + digest, digest);
    }

    private Reply blob(String method, String name, String digest) {
        if (method.equals("DELETE")) {
            return error(405, "UNSUPPORTED", "The operation is unsupported.", null);
        }
        if (!storage.hasLayer(name, digest) && storage.manifestDigest(name, digest) == null) {
            return error(404, "BLOB_UNKNOWN", "blob unknown to registry", quote(digest));
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Docker-Content-Digest", digest);
        h.put("Etag", "\"" + digest + "\"");
        h.put("Cache-Control", "max-age=31536000");
        return new Reply(200, "application/octet-stream", storage.blob(digest), h);
    }

    private static String param(String query, String key) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(key + "=")) {
                return kv.substring(key.length() + 1).replace("%3A", ":").replace("%3a", ":");
            }
        }
        return null;
    }

    private Reply created(String location, String digest) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", location);
        h.put("Docker-Content-Digest", digest);
        return new Reply(201, "", new byte[0], h);
    }

    private static Reply json(int status, String body) {
        return new Reply(status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Reply text(int status, String body) {
        return new Reply(status, "text/plain; charset=utf-8", (body + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Reply error(int status, String code, String message, String detail) {
        return json(status, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\""
                + (detail == null ? "" : ",\"detail\":" + detail) + "}]}\n");
    }

    private void send(int conn, Reply r, boolean head) {
        StringBuilder b = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        if (!r.type().isEmpty()) {
            b.append("Content-Type: ").append(r.type()).append("\r\n");
        }
        b.append("Docker-Distribution-Api-Version: registry/2.0\r\n");
        r.headers().forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append("X-Content-Type-Options: nosniff\r\nDate: ").append(Clock.http(sys.timeMillis())).append("\r\n")
                .append("Content-Length: ").append(r.body().length).append("\r\nConnection: close\r\n\r\n");
        sys.send(conn, b.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head && r.body().length > 0) {
            sys.send(conn, r.body());
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
    }

    private static String array(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append(quote(values.get(i)));
        }
        return b.append(']').toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A version-4-shaped UUID drawn from the seed: deterministic, as everything in the sim is. */
    private static String uuid(long seed) {
        java.util.Random r = new java.util.Random(seed);
        String hex = String.format("%016x%016x", r.nextLong(), r.nextLong());
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a"
                + hex.substring(17, 20) + "-" + hex.substring(20, 32);
    }
}
