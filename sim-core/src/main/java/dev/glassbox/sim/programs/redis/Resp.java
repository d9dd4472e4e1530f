package dev.glassbox.sim.programs.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Redis serialization protocol: requests (arrays of bulk strings, or inline lines) and replies. */
final class Resp {
    private Resp() {}

    /** An error reply, kept apart from status strings. */
    record Err(String text) {}

    /** A status reply (+OK). */
    record Status(String text) {}

    static byte[] status(String s) {
        return ("+" + s + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] error(String s) {
        return ("-" + s + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] integer(long n) {
        return (":" + n + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bulk(String s) {
        if (s == null) {
            return "$-1\r\n".getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(b);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] array(List<String> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + items.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
        items.forEach(i -> out.writeBytes(bulk(i)));
        return out.toByteArray();
    }

    /** Parses as many complete requests as {@code buf} holds; {@code consumed[0]} says how many bytes they took. */
    static List<List<String>> requests(byte[] buf, int[] consumed) {
        List<List<String>> out = new ArrayList<>();
        int pos = 0;
        while (pos < buf.length) {
            int[] at = {pos};
            List<String> req = buf[pos] == '*' ? multibulk(buf, at) : inline(buf, at);
            if (req == null) {
                break;
            }
            pos = at[0];
            if (!req.isEmpty()) {
                out.add(req);
            }
        }
        consumed[0] = pos;
        return out;
    }

    private static int lineEnd(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static List<String> multibulk(byte[] b, int[] at) {
        int eol = lineEnd(b, at[0]);
        if (eol < 0) {
            return null;
        }
        int n = Integer.parseInt(new String(b, at[0] + 1, eol - at[0] - 1, StandardCharsets.UTF_8));
        int pos = eol + 2;
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int e = lineEnd(b, pos);
            if (e < 0 || b[pos] != '$') {
                return null;
            }
            int len = Integer.parseInt(new String(b, pos + 1, e - pos - 1, StandardCharsets.UTF_8));
            int start = e + 2;
            if (start + len + 2 > b.length) {
                return null;
            }
            args.add(new String(b, start, len, StandardCharsets.UTF_8));
            pos = start + len + 2;
        }
        at[0] = pos;
        return args;
    }

    private static List<String> inline(byte[] b, int[] at) {
        int nl = -1;
        for (int i = at[0]; i < b.length; i++) {
            if (b[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            return null;
        }
        String line = new String(b, at[0], nl - at[0], StandardCharsets.UTF_8).trim();
        at[0] = nl + 1;
        return words(line);
    }

    /** Splits a command line as redis-cli and inline commands do: spaces separate, quotes group. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    char e = line.charAt(++i);
                    cur.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                } else if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Parses one reply at {@code at[0]}: Status, Err, Long, String (null for nil) or List; null if incomplete. */
    static Object[] reply(byte[] b, int[] at) {
        int eol = lineEnd(b, at[0]);
        if (eol < 0) {
            return null;
        }
        char type = (char) b[at[0]];
        String line = new String(b, at[0] + 1, eol - at[0] - 1, StandardCharsets.UTF_8);
        int next = eol + 2;
        switch (type) {
            case '+' -> {
                at[0] = next;
                return new Object[] {new Status(line)};
            }
            case '-' -> {
                at[0] = next;
                return new Object[] {new Err(line)};
            }
            case ':' -> {
                at[0] = next;
                return new Object[] {Long.parseLong(line)};
            }
            case '$' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    at[0] = next;
                    return new Object[] {null};
                }
                if (next + len + 2 > b.length) {
                    return null;
                }
                at[0] = next + len + 2;
                return new Object[] {new String(b, next, len, StandardCharsets.UTF_8)};
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                int[] pos = {next};
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Object[] item = reply(b, pos);
                    if (item == null) {
                        return null;
                    }
                    items.add(item[0]);
                }
                at[0] = pos[0];
                return new Object[] {n < 0 ? null : items};
            }
            default -> throw new IllegalArgumentException("Protocol error: unexpected '" + type + "'");
        }
    }
}
