package dev.glassbox.engineapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests off a {@link Wire}: the request line, the headers, and a body sent with
 * {@code Content-Length} or chunked. Every size is bounded; what breaks a bound or the grammar is a
 * {@link BadRequest} with the status to answer.
 */
final class HttpReader {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS = 100;

    private final Wire wire;
    private final long maxBody;

    HttpReader(Wire wire, long maxBody) {
        this.wire = wire;
        this.maxBody = maxBody;
    }

    /** A client that sent something this reader cannot take: answered with {@code status}, then the connection closes. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** The next request, or null when the client closed the connection between requests. */
    Request next() throws IOException, BadRequest {
        String line = line();
        while (line != null && line.isEmpty()) {
            line = line(); // a stray CRLF between requests is allowed
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || !parts[1].startsWith("/")) {
            throw new BadRequest(400, "malformed request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; ; i++) {
            String h = line();
            if (h == null) {
                throw new BadRequest(400, "the request ended inside its headers");
            }
            if (h.isEmpty()) {
                break;
            }
            if (i >= MAX_HEADERS) {
                throw new BadRequest(431, "too many request headers");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "malformed header line");
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return Request.of(line, headers, body(headers));
    }

    private byte[] body(Map<String, String> headers) throws IOException, BadRequest {
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked();
        }
        String cl = headers.get("content-length");
        if (cl == null) {
            return new byte[0];
        }
        long n;
        try {
            n = Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "invalid Content-Length");
        }
        if (n < 0) {
            throw new BadRequest(400, "invalid Content-Length");
        }
        if (n > maxBody) {
            throw new BadRequest(413, "request body too large: " + n + " bytes (the limit is " + maxBody + ")");
        }
        byte[] b = wire.readExactly((int) n);
        if (b.length < n) {
            throw new BadRequest(400, "the request ended inside its body");
        }
        return b;
    }

    private byte[] chunked() throws IOException, BadRequest {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new BadRequest(400, "the request ended inside its body");
            }
            int semi = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "malformed chunk size");
            }
            if (n < 0 || out.size() + n > maxBody) {
                throw new BadRequest(413, "request body too large (the limit is " + maxBody + " bytes)");
            }
            if (n == 0) {
                String trailer;
                do {
                    trailer = line();
                } while (trailer != null && !trailer.isEmpty());
                return out.toByteArray();
            }
            byte[] chunk = wire.readExactly((int) n);
            if (chunk.length < n) {
                throw new BadRequest(400, "the request ended inside its body");
            }
            out.write(chunk);
            line(); // the CRLF after the chunk
        }
    }

    /** One line without its CRLF (a bare LF is taken too), or null at the end of the stream before any byte. */
    private String line() throws IOException, BadRequest {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        while (true) {
            int c = wire.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (b.size() >= MAX_LINE) {
                throw new BadRequest(431, "request line or header too long");
            }
            b.write(c);
        }
    }
}
