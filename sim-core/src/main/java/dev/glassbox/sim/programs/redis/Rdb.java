package dev.glassbox.sim.programs.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The RDB file format, for string keys: what redis writes to dump.rdb on shutdown and reads back at start. */
final class Rdb {
    private static final int AUX = 0xFA;
    private static final int RESIZEDB = 0xFB;
    private static final int EXPIRETIME_MS = 0xFC;
    private static final int SELECTDB = 0xFE;
    private static final int EOF = 0xFF;

    /** What a file held: its aux fields and the keys of each database. */
    record Contents(Map<String, String> aux, Map<Integer, Map<String, RedisStore.Entry>> dbs) {}

    private Rdb() {}

    static byte[] write(List<Map<String, RedisStore.Entry>> dbs, Map<String, String> aux) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("REDIS0012".getBytes(StandardCharsets.US_ASCII));
        aux.forEach((k, v) -> {
            out.write(AUX);
            string(out, k);
            string(out, v);
        });
        for (int db = 0; db < dbs.size(); db++) {
            Map<String, RedisStore.Entry> m = dbs.get(db);
            if (m.isEmpty()) {
                continue;
            }
            out.write(SELECTDB);
            length(out, db);
            out.write(RESIZEDB);
            length(out, m.size());
            length(out, (int) m.values().stream().filter(e -> e.expireAt() != 0).count());
            m.forEach((k, e) -> {
                if (e.expireAt() != 0) {
                    out.write(EXPIRETIME_MS);
                    for (int i = 0; i < 8; i++) {
                        out.write((int) (e.expireAt() >>> (8 * i)) & 0xff);
                    }
                }
                out.write(0);
                string(out, k);
                string(out, e.value());
            });
        }
        out.write(EOF);
        out.writeBytes(new byte[8]);
        return out.toByteArray();
    }

    private static void length(ByteArrayOutputStream out, int n) {
        if (n < 64) {
            out.write(n);
        } else if (n < 16384) {
            out.write(0x40 | n >> 8);
            out.write(n & 0xff);
        } else {
            out.write(0x80);
            out.write(n >>> 24);
            out.write(n >>> 16 & 0xff);
            out.write(n >>> 8 & 0xff);
            out.write(n & 0xff);
        }
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        length(out, b.length);
        out.writeBytes(b);
    }

    /** Reads a file this class wrote (or any RDB using only these opcodes); throws if it is something else. */
    static Contents read(byte[] b) {
        if (b.length < 9 || !new String(b, 0, 5, StandardCharsets.US_ASCII).equals("REDIS")) {
            throw new IllegalArgumentException("Wrong signature trying to load DB from file");
        }
        int[] at = {9};
        Map<String, String> aux = new LinkedHashMap<>();
        Map<Integer, Map<String, RedisStore.Entry>> dbs = new LinkedHashMap<>();
        int db = 0;
        long expire = 0;
        while (at[0] < b.length) {
            int op = b[at[0]++] & 0xff;
            switch (op) {
                case EOF -> {
                    return new Contents(aux, dbs);
                }
                case AUX -> aux.put(string(b, at), string(b, at));
                case SELECTDB -> db = length(b, at);
                case RESIZEDB -> {
                    length(b, at);
                    length(b, at);
                }
                case EXPIRETIME_MS -> {
                    expire = 0;
                    for (int i = 0; i < 8; i++) {
                        expire |= (long) (b[at[0]++] & 0xff) << (8 * i);
                    }
                }
                case 0 -> {
                    String k = string(b, at);
                    dbs.computeIfAbsent(db, x -> new LinkedHashMap<>()).put(k, new RedisStore.Entry(string(b, at), expire));
                    expire = 0;
                }
                default -> throw new IllegalArgumentException("Unknown RDB encoding type " + op);
            }
        }
        throw new IllegalArgumentException("Short read or OOM loading DB. Unrecoverable error, aborting now.");
    }

    private static int length(byte[] b, int[] at) {
        int first = b[at[0]++] & 0xff;
        switch (first >> 6) {
            case 0:
                return first & 0x3f;
            case 1:
                return (first & 0x3f) << 8 | b[at[0]++] & 0xff;
            default:
                int n = 0;
                for (int i = 0; i < 4; i++) {
                    n = n << 8 | b[at[0]++] & 0xff;
                }
                return n;
        }
    }

    private static String string(byte[] b, int[] at) {
        int len = length(b, at);
        String s = new String(b, at[0], len, StandardCharsets.UTF_8);
        at[0] += len;
        return s;
    }
}
