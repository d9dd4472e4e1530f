package dev.glassbox.sim.programs.redis;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** redis-cli with stdout not a terminal: replies in raw form, commands from the arguments or from stdin lines. */
public final class RedisCli {
    private RedisCli() {}

    public static int main(Sys sys) {
        List<String> argv = sys.argv();
        String host = "127.0.0.1";
        int port = 6379;
        int db = 0;
        boolean errcode = false;
        List<String> command = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            boolean more = i + 1 < argv.size();
            if (!command.isEmpty()) {
                command.add(a);
            } else if (a.equals("-h") && more) {
                host = argv.get(++i);
            } else if (a.equals("-p") && more) {
                port = Integer.parseInt(argv.get(++i));
            } else if (a.equals("-n") && more) {
                db = Integer.parseInt(argv.get(++i));
            } else if ((a.equals("-a") || a.equals("--user") || a.equals("--pass")) && more) {
                i++;
            } else if (a.equals("-e")) {
                errcode = true;
            } else if (a.equals("--raw") || a.equals("--no-raw") || a.equals("--no-auth-warning")) {
                continue;
            } else if (a.equals("-v") || a.equals("--version")) {
                sys.out("redis-cli " + RedisServer.VERSION + "\n");
                return 0;
            } else {
                command.add(a);
            }
        }
        int conn;
        try {
            conn = sys.connect(host, port);
        } catch (SysError e) {
            sys.err("Could not connect to Redis at " + host + ":" + port + ": " + e.getMessage() + "\n");
            return 1;
        }
        List<List<String>> todo = new ArrayList<>();
        if (db != 0) {
            todo.add(List.of("SELECT", Integer.toString(db)));
        }
        if (!command.isEmpty()) {
            todo.add(command);
        } else {
            for (String line : sys.stdin().split("\n")) {
                List<String> w = Resp.words(line);
                if (!w.isEmpty()) {
                    todo.add(w);
                }
            }
        }
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (int k = 0; k < todo.size(); k++) {
            List<String> cmd = todo.get(k);
            sys.send(conn, Resp.array(cmd));
            Object reply = read(sys, conn, pending);
            if (reply == EOF) {
                if (!cmd.get(0).equalsIgnoreCase("shutdown")) {
                    sys.err("Error: Server closed the connection\n");
                    return 1;
                }
                return 0;
            }
            if (db != 0 && k == 0) {
                continue;
            }
            if (reply instanceof Resp.Err err && errcode) {
                sys.err(err.text() + "\n");
                return 1;
            }
            sys.out(raw(reply) + "\n");
        }
        sys.close(conn);
        return 0;
    }

    private static final Object EOF = new Object();

    private static Object read(Sys sys, int conn, ByteArrayOutputStream pending) {
        while (true) {
            byte[] buf = pending.toByteArray();
            int[] at = {0};
            Object[] r = buf.length == 0 ? null : Resp.reply(buf, at);
            if (r != null) {
                pending.reset();
                pending.write(buf, at[0], buf.length - at[0]);
                return r[0];
            }
            byte[] data = sys.recv(conn);
            if (data.length == 0) {
                return EOF;
            }
            pending.writeBytes(data);
        }
    }

    /** redis-cli's raw formatting: errors keep their newline, nil prints nothing, arrays one item a line. */
    static String raw(Object r) {
        if (r == null) {
            return "";
        }
        if (r instanceof Resp.Err e) {
            return e.text() + "\n";
        }
        if (r instanceof Resp.Status s) {
            return s.text();
        }
        if (r instanceof List<?> items) {
            List<String> out = new ArrayList<>();
            items.forEach(i -> out.add(raw(i)));
            return String.join("\n", out);
        }
        return r.toString();
    }
}
