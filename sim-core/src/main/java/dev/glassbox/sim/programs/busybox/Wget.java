package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Http;
import dev.glassbox.sim.programs.Tool;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** busybox wget: HTTP/1.1 GET over the simulated network, with busybox's messages on stderr. */
final class Wget {
    private record Url(String host, int port, String path, String hostHeader) {}

    private Wget() {}

    static int run(Tool t) {
        List<String> args = new ArrayList<>();
        String output = null;
        boolean quiet = false;
        boolean spider = false;
        boolean showHeaders = false;
        String agent = "Wget";
        for (int i = 0; i < t.args.size(); i++) {
            String a = t.args.get(i);
            if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.equals("-qO-") || a.equals("-qO")) {
                quiet = true;
                output = a.equals("-qO-") ? "-" : t.args.get(++i);
            } else if (a.equals("-O") && i + 1 < t.args.size()) {
                output = t.args.get(++i);
            } else if (a.startsWith("-O")) {
                output = a.substring(2);
            } else if (a.equals("--spider")) {
                spider = true;
            } else if (a.equals("-S")) {
                showHeaders = true;
            } else if ((a.equals("-U") || a.equals("-T") || a.equals("--header")) && i + 1 < t.args.size()) {
                String v = t.args.get(++i);
                if (a.equals("-U")) {
                    agent = v;
                }
            } else if (!a.startsWith("-")) {
                args.add(a);
            }
        }
        if (args.isEmpty()) {
            t.io.err("Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR] [-U STR] [-T SEC] URL...\n");
            return 1;
        }
        String target = args.get(0);
        if (target.startsWith("https://")) {
            return t.fail("can't execute 'ssl_client': No such file or directory");
        }
        Url url = parse(target);
        for (int redirects = 0; ; redirects++) {
            Result r = fetch(t, url, agent, quiet, spider);
            if (r == null) {
                return 1;
            }
            if (showHeaders) {
                t.io.err("  " + r.head.firstLine() + "\n");
                r.head.headers().forEach((k, v) -> t.io.err("  " + k + ": " + v + "\n"));
            }
            int code = Http.status(r.head.firstLine());
            String location = r.head.header("location");
            if ((code == 301 || code == 302 || code == 307 || code == 308) && location != null && redirects < 5) {
                url = location.startsWith("http://") ? parse(location) : new Url(url.host, url.port, location, url.hostHeader);
                continue;
            }
            if (code < 200 || code >= 300) {
                return t.fail("server returned error: " + r.head.firstLine());
            }
            if (spider) {
                if (!quiet) {
                    t.io.err("remote file exists\n");
                }
                return 0;
            }
            return save(t, url, output, quiet, r.body);
        }
    }

    private record Result(Http.Head head, byte[] body) {}

    private static Url parse(String url) {
        String rest = url.startsWith("http://") ? url.substring(7) : url;
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        int port = colon < 0 ? 80 : Integer.parseInt(authority.substring(colon + 1));
        return new Url(host, port, path, authority);
    }

    private static Result fetch(Tool t, Url url, String agent, boolean quiet, boolean spider) {
        String ip = Hosts.ipv4(t.sys, url.host);
        if (!quiet && ip != null) {
            t.io.err("Connecting to " + url.hostHeader + " (" + ip + ":" + url.port + ")\n");
        }
        int conn;
        try {
            conn = t.sys.connect(url.host, url.port);
        } catch (SysError e) {
            if (ip == null && e.errno() != Errno.ECONNREFUSED && e.errno() != Errno.ETIMEDOUT) {
                t.err("bad address '" + url.host + "'");
            } else {
                t.err("can't connect to remote host (" + (ip == null ? url.host : ip) + "): " + e.getMessage());
            }
            return null;
        }
        try {
            if (!quiet && ip == null) {
                String peer = t.sys.peer(conn);
                t.io.err("Connecting to " + url.hostHeader + " (" + peer.substring(0, peer.lastIndexOf(':')) + ":" + url.port + ")\n");
            }
            String req = (spider ? "HEAD " : "GET ") + url.path + " HTTP/1.1\r\nHost: " + url.hostHeader
                    + "\r\nUser-Agent: " + agent + "\r\nConnection: close\r\n\r\n";
            t.sys.send(conn, req.getBytes(StandardCharsets.ISO_8859_1));
            Http.Head head = Http.readHead(t.sys, conn);
            if (head == null) {
                t.err("error getting response: Connection reset by peer");
                return null;
            }
            byte[] body = spider ? new byte[0] : Http.readBody(t.sys, conn, head);
            return new Result(head, body);
        } catch (SysError e) {
            t.err("error getting response: " + e.getMessage());
            return null;
        } finally {
            try {
                t.sys.close(conn);
            } catch (SysError e) {
                // already closed by the peer
            }
        }
    }

    private static int save(Tool t, Url url, String output, boolean quiet, byte[] body) {
        String file = output != null ? output : defaultName(url.path);
        boolean stdout = file.equals("-");
        if (!quiet) {
            t.io.err(stdout ? "writing to stdout\n" : "saving to '" + file + "'\n");
        }
        if (stdout) {
            t.out(new String(body, StandardCharsets.UTF_8));
        } else {
            try {
                t.sys.write(file, body, false);
            } catch (SysError e) {
                return t.fail("can't open '" + file + "': " + e.getMessage());
            }
        }
        if (!quiet) {
            String size = body.length < 100_000 ? Integer.toString(body.length) : body.length / 1024 + "k";
            t.io.err(String.format("%-20.20s 100%% |%s| %5s  0:00:00 ETA%n", stdout ? "-" : file, "*".repeat(32), size));
            t.io.err(stdout ? "written to stdout\n" : "'" + file + "' saved\n");
        }
        return 0;
    }

    private static String defaultName(String path) {
        String p = path.split("\\?")[0];
        String name = p.substring(p.lastIndexOf('/') + 1);
        return name.isEmpty() ? "index.html" : name;
    }
}
