package dev.glassbox.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.trace.TraceJson;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What every request passes before any route, static file or WebSocket upgrade sees it: a {@code Host}
 * that is this server's own (DNS rebinding fails), an {@code Origin} that is one of its own pages and no
 * fetch from another site (cross-site requests fail), no more connections from one address than its
 * limit, and a body no larger than the limit. Every answer carries the security headers; a refusal is
 * one line of JSON, {@code {"error": …}}, as every other error of the API.
 */
final class Guard implements Filter {
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final ClientLimits limits;
    private final ClientConnections connections;
    /** Known once the server listens (its port may have been picked then). */
    private volatile Hosts hosts = new Hosts(java.util.Set.of(), -1);

    Guard(ClientLimits limits, ClientConnections connections) {
        this.limits = limits;
        this.connections = connections;
    }

    void answerTo(Hosts h) {
        this.hosts = h;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        res.setHeader("Content-Security-Policy", POLICY);
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        Refusal refusal = refusal(req);
        if (refusal != null) {
            refuse(res, refusal.status(), refusal.getMessage());
            return;
        }
        long max = maxBody(req);
        chain.doFilter(new Bounded(req, max, bodyTooLarge(req, "more than " + max, max)), response);
    }

    /** Why this request is refused, or null. */
    private Refusal refusal(HttpServletRequest req) {
        Hosts hosts = this.hosts;
        String host = req.getHeader("Host");
        if (!hosts.allows(host)) {
            return new Refusal(403, "Host " + (host == null ? "(none)" : oneLine(host)) + " is not this server's address (" + String.join(", ", hosts.names())
                    + "): the request is refused.");
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !hosts.allowsOrigin(origin)) {
            return new Refusal(403, "Requests from the page at " + oneLine(origin) + " are refused: only this server's own pages may call it.");
        }
        String site = req.getHeader("Sec-Fetch-Site");
        if (("cross-site".equals(site) || "same-site".equals(site)) && !"navigate".equals(req.getHeader("Sec-Fetch-Mode"))) {
            return new Refusal(403, "Requests from another site's page are refused: only this server's own pages may call it.");
        }
        int open = connections.count(req.getRemoteAddr());
        if (open > limits.connectionsPerAddress()) {
            return Refusal.limit("Too many connections from " + req.getRemoteAddr() + ": " + open + " are open, at most "
                    + limits.connectionsPerAddress() + " at once; close some tabs and try again.");
        }
        long length = req.getContentLengthLong();
        long max = maxBody(req);
        if (length > max) {
            return new Refusal(413, bodyTooLarge(req, String.valueOf(length), max));
        }
        return null;
    }

    private long maxBody(HttpServletRequest req) {
        return isFileUpload(req) ? SessionFiles.MAX_FILE_BYTES : limits.requestBytes();
    }

    private static boolean isFileUpload(HttpServletRequest req) {
        return "PUT".equals(req.getMethod()) && req.getRequestURI().endsWith("/files");
    }

    private static String bodyTooLarge(HttpServletRequest req, String bytes, long max) {
        return isFileUpload(req)
                ? "glassbox: this file has " + bytes + " bytes; a file here holds at most " + max + " (1 MB)."
                : "glassbox: this request has " + bytes + " bytes of body; a request here holds at most " + max + ".";
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    private static void refuse(HttpServletResponse res, int status, String message) throws IOException {
        ObjectNode o = TraceJson.JSON.createObjectNode();
        o.put("error", message);
        byte[] body = o.toString().getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        res.setHeader("Connection", "close");
        res.setContentType("application/json");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** A request whose body stops with a 413 past {@code max} bytes, when its length was not announced. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long max;
        private final String message;
        private ServletInputStream in;

        Bounded(HttpServletRequest req, long max, String message) {
            super(req);
            this.max = max;
            this.message = message;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Counted(super.getInputStream(), max, message);
            }
            return in;
        }
    }

    private static final class Counted extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private final String message;
        private long read;

        Counted(ServletInputStream in, long max, String message) {
            this.in = in;
            this.max = max;
            this.message = message;
        }

        private int count(int n) {
            if (n > 0) {
                read += n;
                if (read > max) {
                    throw new Refusal(413, message);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return count(in.read(b, off, len));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener l) {
            in.setReadListener(l);
        }
    }
}
