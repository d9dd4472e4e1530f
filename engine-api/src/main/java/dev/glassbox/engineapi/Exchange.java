package dev.glassbox.engineapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to one request: a whole body, a chunked stream flushed piece by piece, or a hijack
 * ({@code 101 UPGRADED}, then raw bytes both ways). Every answer carries the headers dockerd sends.
 */
final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    final Request request;
    final Wire wire;
    private boolean answered;
    private final Map<String, String> extra = new LinkedHashMap<>();
    /** Whether the connection can take another request after this answer. */
    private boolean keepAlive;

    Exchange(Request request, Wire wire) {
        this.request = request;
        this.wire = wire;
        String conn = request.header("connection");
        this.keepAlive = request.line().endsWith("HTTP/1.1") ? conn == null || !conn.equalsIgnoreCase("close")
                : conn != null && conn.equalsIgnoreCase("keep-alive");
    }

    /** A header for the answer to come ({@code X-Docker-Container-Path-Stat}). */
    void header(String name, String value) {
        extra.put(name, value);
    }

    boolean answered() {
        return answered;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    private static String reason(int status) {
        return switch (status) {
            case 101 -> "UPGRADED";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Status " + status;
        };
    }

    private String head(int status, Map<String, String> headers) {
        StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        b.append("Api-Version: ").append(EngineApiServer.API_VERSION).append("\r\n");
        b.append("Docker-Experimental: false\r\n");
        b.append("Ostype: linux\r\n");
        b.append("Server: Docker/").append(EngineApiServer.ENGINE_VERSION).append(" (linux)\r\n");
        b.append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        extra.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        return b.append("\r\n").toString();
    }

    /** A whole answer; {@code body} null for none (a HEAD, 204 or 304 sends no body but may say its length). */
    void send(int status, String contentType, byte[] body) throws IOException {
        answered = true;
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        boolean noBody = status == 204 || status == 304 || status == 101;
        if (!noBody) {
            h.put("Content-Length", String.valueOf(body == null ? 0 : body.length));
        }
        if (!keepAlive) {
            h.put("Connection", "close");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head(status, h).getBytes(StandardCharsets.ISO_8859_1));
        if (!noBody && body != null && !request.method().equals("HEAD")) {
            out.write(body);
        }
        wire.write(out.toByteArray());
    }

    void json(int status, Object value) throws IOException {
        send(status, "application/json", toJson(value));
    }

    static byte[] toJson(Object value) {
        try {
            byte[] b = JSON.writeValueAsBytes(value);
            byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
            out[b.length] = '\n'; // as Go's json.Encoder ends every value
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Docker's error body: {@code {"message": "..."}}, Content-Type exactly application/json. */
    void error(int status, String message) throws IOException {
        json(status, Map.of("message", message));
    }

    void noContent() throws IOException {
        send(204, null, null);
    }

    /** A chunked body whose pieces reach the client as they are written (pull progress, logs -f, stats, events, wait). */
    Chunked stream(int status, String contentType) throws IOException {
        answered = true;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Transfer-Encoding", "chunked");
        if (!keepAlive) {
            h.put("Connection", "close");
        }
        wire.write(head(status, h).getBytes(StandardCharsets.ISO_8859_1));
        return new Chunked(wire);
    }

    /**
     * {@code HTTP/1.1 101 UPGRADED}: the connection is a raw stream from now on, and is closed when the
     * stream ends. Only for a request that asked with {@code Connection: Upgrade} and {@code Upgrade: tcp}.
     */
    void upgrade(String contentType) throws IOException {
        answered = true;
        keepAlive = false;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Connection", "Upgrade");
        h.put("Upgrade", "tcp");
        wire.write(head(101, h).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A hijacked stream for a client that did not ask to upgrade: 200, no length, and the connection is the stream's. */
    void rawOk(String contentType) throws IOException {
        answered = true;
        keepAlive = false;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Connection", "close");
        wire.write(head(200, h).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Whether the request asked to take the connection over ({@code Connection: Upgrade}, {@code Upgrade: tcp}). */
    boolean wantsUpgrade() {
        String c = request.header("connection");
        String u = request.header("upgrade");
        return c != null && c.toLowerCase(Locale.ROOT).contains("upgrade") && u != null && u.equalsIgnoreCase("tcp");
    }

    void closeAfter() {
        keepAlive = false;
    }

    /** A chunked body being written. */
    static final class Chunked {
        private final Wire wire;
        private boolean done;

        Chunked(Wire wire) {
            this.wire = wire;
        }

        void write(byte[] data) throws IOException {
            if (data.length == 0 || done) {
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
            out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            wire.write(out.toByteArray());
        }

        void json(Object value) throws IOException {
            write(toJson(value));
        }

        void end() throws IOException {
            if (!done) {
                done = true;
                wire.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }
}
