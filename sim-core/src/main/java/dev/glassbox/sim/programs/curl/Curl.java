package dev.glassbox.sim.programs.curl;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Http;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * curl: HTTP/1.1 over the simulated network, as the distributions build it (curl 8.11 on Alpine 3.20,
 * 7.88.1 on Debian 12, 8.5 on Ubuntu 24.04; the binary's name says which, {@code curl@8.11.0}). The
 * body goes to stdout or {@code -o}; the progress meter to stderr when the body does not go to a
 * terminal; failures are curl's numbered errors, shown unless {@code -s} (and again with {@code -S}).
 */
public final class Curl {
    private record Url(String scheme, String host, int port, String path, String authority) {}

    private record Response(String statusLine, int code, byte[] head, byte[] body, String location, String contentType) {}

    /** A failure in curl's numbering and words. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final Sys sys;
    private final String version;
    private final CurlOptions o;
    private final StringBuilder verbose = new StringBuilder();

    private Curl(Sys sys, String version, CurlOptions o) {
        this.sys = sys;
        this.version = version;
        this.o = o;
    }

    public static int main(Sys sys, String version) {
        CurlOptions o;
        try {
            o = CurlOptions.parse(sys.argv().subList(Math.min(1, sys.argv().size()), sys.argv().size()));
        } catch (CurlOptions.Bad e) {
            sys.err(e.getMessage() + "\n");
            return 2;
        }
        if (o.version) {
            String triple = exists(sys, "/lib/ld-musl-x86_64.so.1") ? "x86_64-alpine-linux-musl" : "x86_64-pc-linux-gnu";
            sys.out("curl " + version + " (" + triple + ") libcurl/" + version + "\nProtocols: http\n"
                    + "glassbox: the sim's curl speaks plain HTTP (no TLS)\n");
            return 0;
        }
        if (o.help) {
            sys.out("Usage: curl [options...] <url>\n -d, --data <data>          HTTP POST data\n"
                    + " -f, --fail                 Fail fast with no output on HTTP errors\n"
                    + " -h, --help <category>      Get help for commands\n -i, --include              Include response headers in output\n"
                    + " -o, --output <file>        Write to file instead of stdout\n -O, --remote-name          Write output to file named as remote file\n"
                    + " -s, --silent               Silent mode\n -v, --verbose              Make the operation more talkative\n"
                    + " -V, --version              Show version number and quit\n");
            return 0;
        }
        if (o.urls.isEmpty()) {
            sys.err("curl: no URL specified!\n" + CurlOptions.TRY + "\n");
            return 2;
        }
        Curl c = new Curl(sys, version, o);
        int status = 0;
        for (String url : o.urls) {
            status = c.transfer(url);
        }
        return status;
    }

    private static boolean exists(Sys sys, String path) {
        try {
            sys.stat(path);
            return true;
        } catch (SysError e) {
            return false;
        }
    }

    private int transfer(String text) {
        long start = sys.timeMillis();
        try {
            Url url = parse(text);
            Response r = request(url, o.method != null ? o.method : o.head ? "HEAD" : o.data != null ? "POST" : "GET");
            for (int hops = 0; o.follow && r.location() != null && r.code() / 100 == 3 && hops < 50; hops++) {
                output(r, false);
                url = resolve(url, r.location());
                r = request(url, o.head ? "HEAD" : "GET");
            }
            if (o.fail && r.code() >= 400) {
                throw new Failure(22, "The requested URL returned error: " + r.code());
            }
            output(r, true);
            if (o.verbose) {
                sys.err("* Connection #0 to host " + url.host() + " left intact\n");
            }
            meter(r.body().length, Math.max(1, sys.timeMillis() - start));
            writeOut(r, url);
            return 0;
        } catch (Failure f) {
            sys.err(verbose.toString());
            verbose.setLength(0);
            if (!o.silent || o.showError) {
                sys.err("curl: (" + f.code + ") " + f.getMessage() + "\n");
            }
            return f.code;
        }
    }

    private Response request(Url url, String method) {
        if (!url.scheme().equals("http") && !url.scheme().equals("https")) {
            throw new Failure(1, "Protocol \"" + url.scheme() + "\" not supported");
        }
        long start = sys.timeMillis();
        int conn;
        try {
            conn = sys.connect(url.host(), url.port());
        } catch (SysError e) {
            if (e.errno() == Errno.EAI_NONAME) {
                throw new Failure(6, "Could not resolve host: " + url.host());
            }
            throw new Failure(7, "Failed to connect to " + url.host() + " port " + url.port() + " after "
                    + (sys.timeMillis() - start) + " ms: Couldn't connect to server");
        }
        try {
            String peer = sys.peer(conn);
            String ip = peer.substring(0, peer.lastIndexOf(':'));
            boolean seven = version.startsWith("7.");
            if (o.verbose) {
                if (!seven) {
                    verbose.append("* Host ").append(url.host()).append(':').append(url.port()).append(" was resolved.\n")
                            .append("* IPv6: (none)\n* IPv4: ").append(ip).append('\n');
                }
                verbose.append("*   Trying ").append(ip).append(':').append(url.port()).append("...\n")
                        .append("* Connected to ").append(url.host()).append(" (").append(ip).append(") port ")
                        .append(url.port()).append(seven ? " (#0)\n" : "\n* using HTTP/1.x\n");
            }
            if (url.scheme().equals("https")) {
                throw new Failure(35, "glassbox: the sim's curl speaks plain HTTP only; TLS to " + url.authority()
                        + " is not simulated");
            }
            String req = requestText(url, method);
            sys.send(conn, req.getBytes(StandardCharsets.ISO_8859_1));
            this.conn = conn;
            if (o.verbose) {
                req.substring(0, req.indexOf("\r\n\r\n") + 2).lines().forEach(l -> verbose.append("> ").append(l).append('\n'));
                verbose.append(seven ? "> \n" : "> \n* Request completely sent off\n");
            }
            byte[] raw = readHead();
            if (raw.length == 0) {
                throw new Failure(52, "Empty reply from server");
            }
            Http.Head head = Http.parseHead(raw);
            byte[] body = method.equals("HEAD") ? new byte[0] : Http.readBody(sys, conn, head);
            byte[] shown = java.util.Arrays.copyOf(raw, raw.length - head.rest().length);
            if (o.verbose) {
                new String(shown, StandardCharsets.ISO_8859_1).lines().forEach(l -> verbose.append("< ").append(l).append('\n'));
            }
            return new Response(head.firstLine(), Http.status(head.firstLine()), shown, body,
                    head.header("location"), head.header("content-type"));
        } catch (SysError e) {
            throw new Failure(56, "Recv failure: " + e.getMessage());
        } finally {
            try {
                sys.close(conn);
            } catch (SysError e) {
                // the server closed first
            }
        }
    }

    private int conn;

    /** The response head as the server sent it, with whatever of the body came along in the same reads. */
    private byte[] readHead() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        while (Http.indexOf(buf.toByteArray(), "\r\n\r\n") < 0 && Http.indexOf(buf.toByteArray(), "\n\n") < 0) {
            byte[] chunk = sys.recv(conn);
            if (chunk.length == 0) {
                break;
            }
            buf.writeBytes(chunk);
        }
        return buf.toByteArray();
    }

    private String requestText(Url url, String method) {
        StringBuilder b = new StringBuilder(method).append(' ').append(url.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.authority()).append("\r\n")
                .append("User-Agent: ").append(o.agent != null ? o.agent : "curl/" + version).append("\r\n")
                .append("Accept: */*\r\n");
        o.headers.forEach(h -> b.append(h).append("\r\n"));
        if (o.data != null) {
            b.append("Content-Length: ").append(o.data.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
            if (o.headers.stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("content-type:"))) {
                b.append("Content-Type: application/x-www-form-urlencoded\r\n");
            }
        }
        b.append("\r\n");
        if (o.data != null) {
            b.append(o.data);
        }
        return b.toString();
    }

    /** Headers (with -i or -I) and the body, to stdout or the -o file; a redirect's body is dropped when -L follows it. */
    private void output(Response r, boolean last) {
        sys.err(verbose.toString());
        verbose.setLength(0);
        StringBuilder out = new StringBuilder();
        if (o.include || o.head) {
            out.append(new String(r.head(), StandardCharsets.ISO_8859_1));
        }
        if (last) {
            out.append(new String(r.body(), StandardCharsets.UTF_8));
        }
        String file = o.output != null ? o.output : o.remoteName ? remoteName(r) : null;
        if (file == null || file.equals("-")) {
            sys.out(out.toString());
            return;
        }
        try {
            sys.writeText(file, out.toString(), false);
        } catch (SysError e) {
            throw new Failure(23, "Failed writing received data to disk/application");
        }
    }

    private String remoteName(Response r) {
        String first = o.urls.get(0).replaceAll("[?#].*", "");
        String name = first.substring(first.lastIndexOf('/') + 1);
        if (name.isEmpty() || first.endsWith("//" + name) || !first.contains("/")) {
            throw new Failure(23, "Remote file name has no length");
        }
        return name;
    }

    /** curl's meter on stderr, once the transfer is done, when the body is not going to a terminal. */
    private void meter(long bytes, long millis) {
        boolean toTerminal = o.output == null && !o.remoteName && sys.isatty(1);
        if (o.meterOff() || toTerminal || o.verbose) {
            return;
        }
        String size = size(bytes);
        String speed = size(bytes * 1000 / millis);
        sys.err("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
                + "                                 Dload  Upload   Total   Spent    Left  Speed\n"
                + String.format("%3d %5s  %3d %5s    0     0  %5s      0 --:--:-- --:--:-- --:--:-- %5s%n",
                        100, size, 100, size, speed, speed));
    }

    /** curl's five-character sizes: bytes, then k, M, G in units of 1024. */
    static String size(long n) {
        if (n < 100_000) {
            return Long.toString(n);
        }
        if (n < 10_000L * 1024) {
            return n / 1024 + "k";
        }
        if (n < 100L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%2d.%dM", n / (1024 * 1024), n % (1024 * 1024) * 10 / (1024 * 1024));
        }
        return n / (1024 * 1024) + "M";
    }

    private void writeOut(Response r, Url url) {
        if (o.writeOut == null) {
            return;
        }
        String w = o.writeOut.replace("%{http_code}", String.format("%03d", r.code()))
                .replace("%{response_code}", String.format("%03d", r.code()))
                .replace("%{size_download}", Integer.toString(r.body().length))
                .replace("%{content_type}", r.contentType() == null ? "" : r.contentType())
                .replace("%{url_effective}", url.scheme() + "://" + url.authority() + url.path())
                .replace("\\n", "\n").replace("\\t", "\t");
        sys.out(w);
    }

    private static Url parse(String text) {
        String scheme = "http";
        String rest = text;
        int sep = text.indexOf("://");
        if (sep > 0) {
            scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
            rest = text.substring(sep + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        if (authority.isEmpty()) {
            throw new Failure(3, "URL rejected: No host part in the URL");
        }
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        int port = scheme.equals("https") ? 443 : 80;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new Failure(3, "URL rejected: Port number was not a decimal number between 0 and 65535");
            }
        }
        return new Url(scheme, host, port, path, authority);
    }

    private static Url resolve(Url base, String location) {
        if (location.contains("://")) {
            return parse(location);
        }
        String path = location.startsWith("/") ? location : base.path().substring(0, base.path().lastIndexOf('/') + 1) + location;
        return new Url(base.scheme(), base.host(), base.port(), path, base.authority());
    }
}
