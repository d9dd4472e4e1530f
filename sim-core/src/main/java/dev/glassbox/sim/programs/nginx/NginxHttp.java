package dev.glassbox.sim.programs.nginx;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Clock;
import dev.glassbox.sim.programs.ErrnoText;
import dev.glassbox.sim.programs.Http;
import dev.glassbox.sim.programs.Paths;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP exchange the way nginx's static module answers it, with its access and error log lines. */
final class NginxHttp {
    private final Sys sys;
    private long connections;

    NginxHttp(Sys sys) {
        this.sys = sys;
    }

    private record Reply(int status, String type, byte[] body, Sys.Stat file, String location) {}

    void serve(int conn, NginxConf conf, int port) {
        connections++;
        try {
            Http.Head head = Http.readHead(sys, conn);
            if (head == null) {
                return;
            }
            String[] rl = head.firstLine().split(" ");
            String client = peerAddress(conn);
            if (rl.length != 3 || !rl[2].startsWith("HTTP/")) {
                Reply r = error(400);
                send(conn, r, "HTTP/1.1", false);
                access(conf, client, head, head.firstLine(), r);
                return;
            }
            NginxConf.Server server = conf.serverFor(port);
            Reply r = answer(conf, server, rl[0], rl[1], head, client);
            send(conn, r, rl[2], rl[0].equals("HEAD"));
            access(conf, client, head, head.firstLine(), r);
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

    private String peerAddress(int conn) {
        String peer = sys.peer(conn);
        int colon = peer.lastIndexOf(':');
        return colon < 0 ? peer : peer.substring(0, colon);
    }

    private Reply answer(NginxConf conf, NginxConf.Server server, String method, String target, Http.Head head,
            String client) {
        String path = URLDecoder.decode(target.split("\\?")[0], StandardCharsets.UTF_8);
        if (!path.startsWith("/") || Paths.normalize(path).length() < 1 || escapes(path)) {
            return error(400);
        }
        NginxConf.Location loc = match(server, path);
        if (loc != null && loc.returnCode() != null) {
            int code = loc.returnCode();
            if (code >= 300 && code < 400 && loc.returnText() != null) {
                return new Reply(code, "text/html", page(code), null, loc.returnText());
            }
            byte[] body = loc.returnText() == null ? page(code) : loc.returnText().getBytes(StandardCharsets.UTF_8);
            return new Reply(code, loc.returnText() == null ? "text/html" : conf.defaultType, body, null, null);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return error(405);
        }
        String root = loc != null ? loc.root() : server.root();
        String file = root + path;
        String where = ", client: " + client + ", server: " + server.name() + ", request: \"" + head.firstLine()
                + "\", host: \"" + (head.header("host") == null ? "" : head.header("host")) + "\"";
        try {
            Sys.Stat st = sys.stat(file);
            if (st.isDir()) {
                if (!path.endsWith("/")) {
                    String host = head.header("host") == null ? "localhost" : head.header("host");
                    return new Reply(301, "text/html", page(301), null, "http://" + host + path + "/");
                }
                for (String index : loc != null ? loc.index() : server.index()) {
                    try {
                        Sys.Stat is = sys.stat(file + index);
                        if (!is.isDir()) {
                            return serveFile(conf, file + index, is);
                        }
                    } catch (SysError e) {
                        // try the next index file
                    }
                }
                sysLog(conf, "error", "directory index of \"" + file + "\" is forbidden" + where);
                return errorPage(conf, server, 403);
            }
            return serveFile(conf, file, st);
        } catch (SysError e) {
            sysLog(conf, "error", "open() \"" + file + "\" failed (" + ErrnoText.describe(e) + ")" + where);
            return errorPage(conf, server, e.errno() == Errno.EACCES ? 403 : 404);
        }
    }

    private static boolean escapes(String path) {
        int depth = 0;
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    private static NginxConf.Location match(NginxConf.Server server, String path) {
        NginxConf.Location best = null;
        for (NginxConf.Location l : server.locations()) {
            if (l.exact() && l.prefix().equals(path)) {
                return l;
            }
            if (!l.exact() && path.startsWith(l.prefix()) && (best == null || l.prefix().length() > best.prefix().length())) {
                best = l;
            }
        }
        return best;
    }

    private Reply serveFile(NginxConf conf, String file, Sys.Stat st) {
        return new Reply(200, conf.type(file), sys.read(file), st, null);
    }

    private Reply errorPage(NginxConf conf, NginxConf.Server server, int code) {
        String uri = server.errorPages().get(code);
        if (uri != null) {
            NginxConf.Location loc = match(server, uri);
            String file = (loc != null ? loc.root() : server.root()) + uri;
            try {
                return new Reply(code, conf.type(file), sys.read(file), null, null);
            } catch (SysError e) {
                // fall back to the built-in page
            }
        }
        return error(code);
    }

    private static Reply error(int code) {
        return new Reply(code, "text/html", page(code), null, null);
    }

    static String reason(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Moved Temporarily";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Not Allowed";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            default -> "";
        };
    }

    /** nginx's built-in error page. */
    static byte[] page(int code) {
        String title = code + " " + reason(code);
        return ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>" + Nginx.VERSION + "</center>\r\n</body>\r\n</html>\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void send(int conn, Reply r, String version, boolean head) {
        String reason = r.status() == 405 ? "Not Allowed" : reason(r.status());
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(reason).append("\r\n");
        h.append("Server: ").append(Nginx.VERSION).append("\r\n");
        h.append("Date: ").append(Clock.http(sys.timeMillis())).append("\r\n");
        h.append("Content-Type: ").append(r.type()).append("\r\n");
        h.append("Content-Length: ").append(r.body().length).append("\r\n");
        if (r.file() != null) {
            h.append("Last-Modified: ").append(Clock.http(r.file().mtimeMillis())).append("\r\n");
        }
        h.append("Connection: close\r\n");
        if (r.location() != null) {
            h.append("Location: ").append(r.location()).append("\r\n");
        }
        if (r.file() != null) {
            h.append("ETag: \"").append(Long.toHexString(r.file().mtimeMillis() / 1000)).append('-')
                    .append(Long.toHexString(r.body().length)).append("\"\r\n");
            h.append("Accept-Ranges: bytes\r\n");
        }
        h.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.writeBytes(r.body());
        }
        sys.send(conn, out.toByteArray());
    }

    private void sysLog(NginxConf conf, String level, String message) {
        new NginxLog(sys, conf.errorLog, conf.errorLevel).log(level, "*" + connections + " " + message);
    }

    private void access(NginxConf conf, String client, Http.Head head, String request, Reply r) {
        if (conf.accessLog.equals("off")) {
            return;
        }
        String format = conf.formats.getOrDefault(conf.accessFormat, conf.formats.get("combined"));
        Map<String, String> v = new java.util.HashMap<>();
        v.put("remote_addr", client);
        v.put("remote_user", "-");
        v.put("time_local", Clock.strftime("%d/%b/%Y:%H:%M:%S +0000", sys.timeMillis()));
        v.put("request", request);
        v.put("status", Integer.toString(r.status()));
        v.put("body_bytes_sent", Integer.toString(head.firstLine().startsWith("HEAD ") ? 0 : r.body().length));
        v.put("request_method", request.split(" ")[0]);
        v.put("uri", request.split(" ").length > 1 ? request.split(" ")[1] : "");
        v.put("request_time", "0.000");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '$') {
                line.append(c);
                continue;
            }
            int j = i + 1;
            while (j < format.length() && (Character.isLetterOrDigit(format.charAt(j)) || format.charAt(j) == '_')) {
                j++;
            }
            String name = format.substring(i + 1, j);
            String value = v.get(name);
            if (value == null && name.startsWith("http_")) {
                value = head.header(name.substring(5).replace('_', '-'));
            }
            line.append(value == null || value.isEmpty() ? "-" : value);
            i = j - 1;
        }
        try {
            sys.writeText(conf.accessLog, line + "\n", true);
        } catch (SysError e) {
            sysLog(conf, "alert", "write() to \"" + conf.accessLog + "\" failed (" + ErrnoText.describe(e) + ")");
        }
    }
}
