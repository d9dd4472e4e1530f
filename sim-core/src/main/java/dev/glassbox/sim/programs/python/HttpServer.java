package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code python3 -m http.server [PORT] [-b ADDR] [-d DIR]}: SimpleHTTPRequestHandler serving a directory over
 * the sim network, one request per connection (HTTP/1.0), with its directory listings, its error page and its
 * log lines on stderr.
 */
final class HttpServer {
    private static final String VERSION = "SimpleHTTP/0.6 Python/" + Modules.VERSION;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    private static final DateTimeFormatter LOG_DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss", Locale.US);

    private final Interp in;
    private final Sys sys;
    private final String root;

    private HttpServer(Interp in, String root) {
        this.in = in;
        this.sys = in.sys;
        this.root = root;
    }

    static int main(Interp in, List<String> args) {
        int port = 8000;
        String bind = "0.0.0.0";
        String dir = in.sys.getcwd();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-b") || a.equals("--bind")) && i + 1 < args.size()) {
                bind = args.get(++i);
            } else if ((a.equals("-d") || a.equals("--directory")) && i + 1 < args.size()) {
                dir = args.get(++i);
            } else if (a.matches("\\d+")) {
                port = Integer.parseInt(a);
            } else {
                in.stdio.err("usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\n"
                        + "server.py: error: argument port: invalid int value: '" + a + "'\n");
                return 2;
            }
        }
        int listener;
        try {
            listener = in.sys.listen(port);
        } catch (SysError e) {
            throw OsErrors.of(e, null);
        }
        in.stdio.out("Serving HTTP on " + bind + " port " + port + " (http://" + bind + ":" + port + "/) ...\n");
        HttpServer server = new HttpServer(in, dir);
        try {
            while (true) {
                int conn = in.sys.accept(listener);
                server.serve(conn);
            }
        } catch (PyException e) {
            if (!e.is(Exceptions.KEYBOARD_INTERRUPT)) {
                throw e;
            }
            in.stdio.out("\nKeyboard interrupt received, exiting.\n");
            return 0;
        }
    }

    private record Reply(int code, String reason, List<String> headers, byte[] body, String error) {}

    private void serve(int conn) {
        try {
            String head = readHead(conn);
            if (head == null) {
                return;
            }
            String requestLine = head.split("\r?\n", 2)[0];
            String[] rl = requestLine.split(" ");
            Reply r;
            if (rl.length != 3 || !rl[2].startsWith("HTTP/")) {
                r = error(400, "Bad request version ('" + (rl.length > 2 ? rl[2] : "") + "')");
            } else if (!rl[0].equals("GET") && !rl[0].equals("HEAD")) {
                r = error(501, "Unsupported method ('" + rl[0] + "')");
            } else {
                r = answer(rl[1]);
            }
            String client = sys.peer(conn);
            client = client.substring(0, Math.max(0, client.lastIndexOf(':')));
            if (r.error() != null) {
                log(client, "code " + r.code() + ", message " + r.error());
            }
            log(client, "\"" + requestLine + "\" " + r.code() + " -");
            send(conn, r, rl.length > 0 && rl[0].equals("HEAD"));
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

    private String readHead(int conn) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            byte[] chunk = sys.recv(conn);
            if (chunk.length == 0) {
                break;
            }
            buf.writeBytes(chunk);
            String s = buf.toString(StandardCharsets.ISO_8859_1);
            if (s.contains("\r\n\r\n") || s.contains("\n\n")) {
                break;
            }
            if (buf.size() > 65536) {
                break;
            }
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    private Reply answer(String target) {
        String path = URLDecoder.decode(target.split("[?#]")[0], StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        String file = root.replaceAll("/+$", "") + "/" + String.join("/", parts);
        Sys.Stat st;
        try {
            st = sys.stat(file);
        } catch (SysError e) {
            return error(404, "File not found");
        }
        if (st.isDir()) {
            if (!path.endsWith("/")) {
                return new Reply(301, "Moved Permanently", List.of("Location: " + target.split("[?#]")[0] + "/",
                        "Content-Length: 0"), new byte[0], null);
            }
            for (String index : List.of("index.html", "index.htm")) {
                try {
                    Sys.Stat is = sys.stat(file + "/" + index);
                    if (!is.isDir()) {
                        return fileReply(file + "/" + index, is);
                    }
                } catch (SysError e) {
                    // no index: a listing
                }
            }
            return listing(file, path);
        }
        return fileReply(file, st);
    }

    private Reply fileReply(String file, Sys.Stat st) {
        byte[] body;
        try {
            body = sys.read(file);
        } catch (SysError e) {
            return error(404, "File not found");
        }
        return new Reply(200, "OK", List.of("Content-type: " + type(file), "Content-Length: " + body.length,
                "Last-Modified: " + date(st.mtimeMillis())), body, null);
    }

    private Reply listing(String dir, String path) {
        List<String> names = new ArrayList<>();
        try {
            for (Sys.DirEntry e : sys.readdir(dir)) {
                if (!e.name().equals(".") && !e.name().equals("..")) {
                    names.add(e.name() + (e.stat().isDir() ? "/" : e.stat().kind() == Sys.Stat.Kind.SYMLINK ? "@" : ""));
                }
            }
        } catch (SysError e) {
            return error(404, "No permission to list directory");
        }
        names.sort((a, b) -> a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT)));
        String title = "Directory listing for " + escape(path);
        StringBuilder sb = new StringBuilder("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(title).append("</title>\n</head>\n<body>\n<h1>").append(title).append("</h1>\n<hr>\n<ul>\n");
        for (String n : names) {
            String link = n.endsWith("@") ? n.substring(0, n.length() - 1) : n;
            sb.append("<li><a href=\"").append(link).append("\">").append(escape(n)).append("</a></li>\n");
        }
        sb.append("</ul>\n<hr>\n</body>\n</html>\n");
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        return new Reply(200, "OK", List.of("Content-type: text/html; charset=utf-8", "Content-Length: " + body.length), body, null);
    }

    /** send_error: the message is the status line's reason too, as CPython sends it. */
    private static Reply error(int code, String message) {
        String explain = switch (code) {
            case 400 -> "Bad request syntax or unsupported method.";
            case 404 -> "Nothing matches the given URI.";
            default -> "Server does not support this operation.";
        };
        String page = "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n"
                + "        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n"
                + "        <p>Error code: " + code + "</p>\n        <p>Message: " + escape(message) + ".</p>\n"
                + "        <p>Error code explanation: " + code + " - " + explain + "</p>\n    </body>\n</html>\n";
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        return new Reply(code, message, List.of("Connection: close", "Content-Type: text/html;charset=utf-8",
                "Content-Length: " + body.length), body, message);
    }

    private void send(int conn, Reply r, boolean head) {
        StringBuilder h = new StringBuilder("HTTP/1.0 ").append(r.code()).append(' ').append(r.reason()).append("\r\n");
        h.append("Server: ").append(VERSION).append("\r\n");
        h.append("Date: ").append(date(sys.timeMillis())).append("\r\n");
        r.headers().forEach(x -> h.append(x).append("\r\n"));
        h.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.writeBytes(r.body());
        }
        sys.send(conn, out.toByteArray());
    }

    private void log(String client, String what) {
        String when = ZonedDateTime.ofInstant(Instant.ofEpochMilli(sys.timeMillis()), ZoneOffset.UTC).format(LOG_DATE);
        in.stdio.err(client + " - - [" + when + "] " + what + "\n");
    }

    private static String date(long millis) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).format(HTTP_DATE);
    }

    private static String type(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        String ext = f.substring(f.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html", "htm" -> "text/html";
            case "txt" -> "text/plain";
            case "md" -> "text/markdown";
            case "py" -> "text/x-python";
            case "css" -> "text/css";
            case "js" -> "text/javascript";
            case "json" -> "application/json";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "svg" -> "image/svg+xml";
            case "csv" -> "text/csv";
            default -> "application/octet-stream";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
