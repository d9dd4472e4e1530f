package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.x messages on simulated TCP connections, for wget and nginx. */
public final class Http {
    private Http() {}

    /** The status code of a response's first line ("HTTP/1.1 200 OK"), 0 if it has none. */
    public static int status(String statusLine) {
        String[] f = statusLine.split(" ");
        try {
            return f.length > 1 ? Integer.parseInt(f[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A parsed message head; header names are lower-cased. */
    public record Head(String firstLine, Map<String, String> headers, byte[] rest) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Reads until the blank line ending the head (or end of stream); returns null if nothing arrived. */
    public static Head readHead(Sys sys, int conn) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            byte[] chunk = sys.recv(conn);
            if (chunk.length == 0) {
                break;
            }
            buf.writeBytes(chunk);
            if (indexOf(buf.toByteArray(), "\r\n\r\n") >= 0 || indexOf(buf.toByteArray(), "\n\n") >= 0) {
                break;
            }
        }
        byte[] all = buf.toByteArray();
        if (all.length == 0) {
            return null;
        }
        return parseHead(all);
    }

    public static Head parseHead(byte[] all) {
        int end = indexOf(all, "\r\n\r\n");
        int sep = 4;
        if (end < 0) {
            end = indexOf(all, "\n\n");
            sep = 2;
        }
        if (end < 0) {
            end = all.length;
            sep = 0;
        }
        String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = new byte[all.length - Math.min(all.length, end + sep)];
        System.arraycopy(all, all.length - rest.length, rest, 0, rest.length);
        return new Head(lines.length > 0 ? lines[0] : "", headers, rest);
    }

    public static int indexOf(byte[] data, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= data.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (data[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The body after a response head: by Content-Length, chunked, or up to the end of the stream. */
    public static byte[] readBody(Sys sys, int conn, Head head) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(head.rest());
        String len = head.header("content-length");
        boolean chunked = "chunked".equalsIgnoreCase(head.header("transfer-encoding"));
        long want = len == null ? -1 : Long.parseLong(len.trim());
        while (want < 0 || buf.size() < want) {
            if (chunked && indexOf(buf.toByteArray(), "\r\n0\r\n") >= 0 || chunked && startsWithZeroChunk(buf.toByteArray())) {
                break;
            }
            byte[] chunk = sys.recv(conn);
            if (chunk.length == 0) {
                break;
            }
            buf.writeBytes(chunk);
        }
        byte[] body = buf.toByteArray();
        return chunked ? dechunk(body) : body;
    }

    private static boolean startsWithZeroChunk(byte[] b) {
        return b.length >= 3 && b[0] == '0' && b[1] == '\r' && b[2] == '\n';
    }

    static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int eol = i;
            while (eol + 1 < body.length && !(body[eol] == '\r' && body[eol + 1] == '\n')) {
                eol++;
            }
            String sizeLine = new String(body, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeLine, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = eol + 2;
            out.write(body, start, Math.min(size, body.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }
}
