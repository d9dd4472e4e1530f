package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Tool;
import java.nio.charset.StandardCharsets;

/** busybox nc: a client that sends stdin and prints the reply, or a one-connection server with -l. */
final class Nc {
    private Nc() {}

    static int run(Tool t) {
        Opts o = Opts.parse("lp:w:q:vznk", t.args);
        if (o.has('l')) {
            return listen(t, o);
        }
        if (o.operands.size() < 2) {
            t.io.err("Usage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT   - listen\n");
            return 1;
        }
        String host = o.operands.get(0);
        int port;
        try {
            port = Integer.parseInt(o.operands.get(1));
        } catch (NumberFormatException e) {
            return t.fail("bad port '" + o.operands.get(1) + "'");
        }
        int conn;
        try {
            conn = t.sys.connect(host, port);
        } catch (SysError e) {
            String ip = Hosts.ipv4(t.sys, host);
            if (ip == null && e.errno() != Errno.ECONNREFUSED) {
                return t.fail("bad address '" + host + "'");
            }
            return t.fail("can't connect to remote host (" + (ip == null ? host : ip) + "): " + e.getMessage());
        }
        if (o.has('v')) {
            t.io.err(host + " (" + t.sys.peer(conn) + ") open\n");
        }
        if (!o.has('z')) {
            String in = t.stdin();
            if (!in.isEmpty()) {
                t.sys.send(conn, in.getBytes(StandardCharsets.UTF_8));
            }
            // With -w/-q the real nc gives up after a quiet spell; without a timed recv we take one reply.
            boolean once = o.has('w') || o.has('q');
            pump(t, conn, once);
        }
        close(t, conn);
        return 0;
    }

    private static int listen(Tool t, Opts o) {
        String p = o.get('p', o.operands.isEmpty() ? null : o.operands.get(o.operands.size() - 1));
        if (p == null) {
            t.io.err("Usage: nc -l -p PORT\n");
            return 1;
        }
        int listener;
        try {
            listener = t.sys.listen(Integer.parseInt(p));
        } catch (SysError e) {
            return t.fail("bind: " + e.getMessage());
        }
        do {
            int conn = t.sys.accept(listener);
            String in = t.stdin();
            if (!in.isEmpty()) {
                t.sys.send(conn, in.getBytes(StandardCharsets.UTF_8));
            }
            pump(t, conn, false);
            close(t, conn);
        } while (o.has('k'));
        close(t, listener);
        return 0;
    }

    private static void pump(Tool t, int conn, boolean once) {
        while (true) {
            byte[] data;
            try {
                data = t.sys.recv(conn);
            } catch (SysError e) {
                return;
            }
            if (data.length == 0) {
                return;
            }
            t.out(new String(data, StandardCharsets.UTF_8));
            if (once) {
                return;
            }
        }
    }

    private static void close(Tool t, int fd) {
        try {
            t.sys.close(fd);
        } catch (SysError e) {
            // gone already
        }
    }
}
