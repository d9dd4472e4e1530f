package dev.glassbox.linux.image;

import dev.glassbox.image.FileEntry;
import dev.glassbox.linux.Cmd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layer nginx adds on the busybox layer: the host's nginx binary, exactly the shared libraries
 * {@code ldd} says it loads (and the dynamic loader), a small configuration that serves one page on
 * port 80, and the directories nginx was compiled to use ({@code nginx -V}).
 */
final class NginxLayer {
    static final String BINARY = "/usr/sbin/nginx";
    private static final Pattern VERSION = Pattern.compile("nginx/(\\S+)");
    /** {@code libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)} or {@code /lib64/ld-linux-x86-64.so.2 (0x...)}. */
    private static final Pattern LDD = Pattern.compile("^\\s*(?:(\\S+) => )?(\\S+)(?: \\(0x[0-9a-f]+\\))?\\s*$");
    /** Where the worker runs as, with its home, both in the busybox layer's /etc/passwd. */
    static final int WWW_DATA = 33;

    private final Path host;

    NginxLayer(Path host) {
        this.host = host;
    }

    Path host() {
        return host;
    }

    /** {@code 1.22.1}, from {@code nginx -v} (which answers on stderr). */
    String version() {
        Cmd.Result r = Cmd.check(List.of(host.toString(), "-v"));
        Matcher m = VERSION.matcher(r.stderr() + r.stdout());
        if (!m.find()) {
            throw new IllegalStateException("glassbox: cannot read the nginx version from '" + r.stderr().strip() + "'");
        }
        return m.group(1);
    }

    /** The files ldd names for the binary, as the host spells them; the vdso has no file and is left out. */
    List<Path> libraries() {
        return parseLdd(Cmd.check(List.of("ldd", host.toString())).stdout());
    }

    static List<Path> parseLdd(String out) {
        List<Path> libs = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.contains("not found")) {
                throw new IllegalStateException("glassbox: a library nginx needs is missing: " + line.strip());
            }
            Matcher m = LDD.matcher(line);
            if (m.matches() && m.group(2).startsWith("/")) {
                libs.add(Path.of(m.group(2)));
            }
        }
        return libs;
    }

    /** The layer, with {@code libs} as {@link #libraries()} gave them. */
    List<FileEntry> entries(List<Path> libs) {
        HostTree t = new HostTree().copy(host);
        libs.forEach(t::copy);
        t.text("etc/nginx/nginx.conf", CONF)
                .text("etc/nginx/mime.types", MIME_TYPES)
                .text("etc/nsswitch.conf", "passwd:\tfiles\ngroup:\tfiles\nhosts:\tfiles dns\n")
                .text("usr/share/nginx/html/index.html", INDEX_HTML)
                .dirs("run", "var/lib/nginx", "usr/lib/nginx/modules")
                .symlink("var/log/nginx/access.log", "/dev/stdout")
                .symlink("var/log/nginx/error.log", "/dev/stderr");
        // nginx makes its temporary directories at start, owned by the worker's user; they are made here
        // the way it would, so a read-only root filesystem works too.
        for (String temp : List.of("body", "fastcgi", "proxy", "scgi", "uwsgi")) {
            t.add(FileEntry.dir("var/lib/nginx/" + temp, 0700).owned(WWW_DATA, 0));
        }
        return t.entries();
    }

    /** The stand-in when the host has no nginx: busybox httpd serves the same page from the same place. */
    static List<FileEntry> httpdEntries() {
        return new HostTree().text("usr/share/nginx/html/index.html", INDEX_HTML).entries();
    }

    static final List<String> CMD = List.of("nginx", "-g", "daemon off;");
    static final List<String> HTTPD_CMD = List.of("httpd", "-f", "-p", "80", "-h", "/usr/share/nginx/html");

    static final String CONF = """
            # glassbox's nginx: one static site on port 80. "daemon off;" comes from the image's CMD,
            # so that nginx stays in the foreground as the container's main process.
            user www-data;
            worker_processes auto;
            pid /run/nginx.pid;
            error_log /dev/stderr notice;

            events {
                worker_connections 512;
            }

            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log /dev/stdout;
                sendfile on;
                keepalive_timeout 65;

                server {
                    listen 80;
                    server_name localhost;
                    root /usr/share/nginx/html;
                    index index.html;
                }
            }
            """;

    static final String MIME_TYPES = """
            types {
                text/html                 html htm;
                text/css                  css;
                text/plain                txt;
                text/xml                  xml;
                application/javascript    js;
                application/json          json;
                image/gif                 gif;
                image/jpeg                jpeg jpg;
                image/png                 png;
                image/svg+xml             svg svgz;
                image/x-icon              ico;
                application/pdf           pdf;
                application/zip           zip;
            }
            """;

    static final String INDEX_HTML = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            <style>body { width: 40em; margin: 0 auto; font-family: sans-serif; }</style>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>This page comes from a container that glassbox started. If you can read it, the web server
            inside is running and the port you published reaches it.</p>
            <p>The page lives at <code>/usr/share/nginx/html/index.html</code> in the container: change it,
            or mount your own directory there, and reload.</p>
            </body>
            </html>
            """;
}
