package dev.glassbox.sim.programs.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Redis commands on strings, answered in RESP with Redis's own error texts. */
final class RedisCommands {
    /** Positive: exact argument count (with the name); negative: at least that many. */
    private static final Map<String, Integer> ARITY = Map.ofEntries(Map.entry("ping", -1), Map.entry("echo", 2),
            Map.entry("set", -3), Map.entry("get", 2), Map.entry("del", -2), Map.entry("exists", -2),
            Map.entry("incr", 2), Map.entry("decr", 2), Map.entry("incrby", 3), Map.entry("decrby", 3),
            Map.entry("append", 3), Map.entry("strlen", 2), Map.entry("mget", -2), Map.entry("mset", -3),
            Map.entry("keys", 2), Map.entry("dbsize", 1), Map.entry("flushall", -1), Map.entry("flushdb", -1),
            Map.entry("expire", -3), Map.entry("ttl", 2), Map.entry("pttl", 2), Map.entry("persist", 2),
            Map.entry("type", 2), Map.entry("select", 2), Map.entry("info", -1), Map.entry("shutdown", -1),
            Map.entry("quit", -1), Map.entry("save", 1), Map.entry("command", -1), Map.entry("client", -2),
            Map.entry("time", 1), Map.entry("lastsave", 1));

    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";

    private final RedisServer server;
    private final RedisStore store;

    RedisCommands(RedisServer server, RedisStore store) {
        this.server = server;
        this.store = store;
    }

    /** Per-connection state. */
    static final class Session {
        int db;
        boolean quit;
    }

    byte[] exec(Session s, List<String> args) {
        String name = args.get(0).toLowerCase(Locale.ROOT);
        Integer arity = ARITY.get(name);
        if (arity == null) {
            StringBuilder sb = new StringBuilder("ERR unknown command '" + args.get(0) + "', with args beginning with: ");
            for (String a : args.subList(1, args.size())) {
                sb.append('\'').append(a).append("' ");
            }
            return Resp.error(sb.toString());
        }
        if (arity > 0 ? args.size() != arity : args.size() < -arity) {
            return Resp.error("ERR wrong number of arguments for '" + name + "' command");
        }
        try {
            return run(s, name, args);
        } catch (NumberFormatException e) {
            return Resp.error(NOT_INTEGER);
        } catch (ArithmeticException e) {
            return Resp.error("ERR increment or decrement would overflow");
        }
    }

    private byte[] run(Session s, String name, List<String> a) {
        long now = server.now();
        switch (name) {
            case "ping":
                return a.size() > 1 ? Resp.bulk(a.get(1)) : Resp.status("PONG");
            case "echo":
                return Resp.bulk(a.get(1));
            case "set":
                return set(s, a, now);
            case "get": {
                RedisStore.Entry e = store.get(s.db, a.get(1));
                return Resp.bulk(e == null ? null : e.value());
            }
            case "del":
            case "exists": {
                long n = 0;
                for (String k : a.subList(1, a.size())) {
                    n += name.equals("del") ? (store.delete(s.db, k) ? 1 : 0) : (store.get(s.db, k) != null ? 1 : 0);
                }
                return Resp.integer(n);
            }
            case "incr":
                return add(s, a.get(1), 1);
            case "decr":
                return add(s, a.get(1), -1);
            case "incrby":
                return add(s, a.get(1), Long.parseLong(a.get(2)));
            case "decrby":
                return add(s, a.get(1), -Long.parseLong(a.get(2)));
            case "append": {
                RedisStore.Entry e = store.get(s.db, a.get(1));
                String v = (e == null ? "" : e.value()) + a.get(2);
                store.put(s.db, a.get(1), v, e == null ? 0 : e.expireAt());
                return Resp.integer(v.length());
            }
            case "strlen": {
                RedisStore.Entry e = store.get(s.db, a.get(1));
                return Resp.integer(e == null ? 0 : e.value().length());
            }
            case "mget": {
                List<String> out = new ArrayList<>();
                for (String k : a.subList(1, a.size())) {
                    RedisStore.Entry e = store.get(s.db, k);
                    out.add(e == null ? null : e.value());
                }
                return Resp.array(out);
            }
            case "mset":
                if (a.size() % 2 == 0) {
                    return Resp.error("ERR wrong number of arguments for 'mset' command");
                }
                for (int i = 1; i < a.size(); i += 2) {
                    store.put(s.db, a.get(i), a.get(i + 1), 0);
                }
                return Resp.status("OK");
            case "keys":
                return Resp.array(store.keys(s.db, a.get(1)));
            case "dbsize":
                return Resp.integer(store.size(s.db));
            case "flushall":
                for (int db = 0; db < store.dbs.size(); db++) {
                    store.flush(db);
                }
                return Resp.status("OK");
            case "flushdb":
                store.flush(s.db);
                return Resp.status("OK");
            case "expire": {
                RedisStore.Entry e = store.get(s.db, a.get(1));
                long secs = Long.parseLong(a.get(2));
                if (e == null) {
                    return Resp.integer(0);
                }
                store.put(s.db, a.get(1), e.value(), now + secs * 1000);
                return Resp.integer(1);
            }
            case "ttl":
            case "pttl": {
                RedisStore.Entry e = store.get(s.db, a.get(1));
                if (e == null) {
                    return Resp.integer(-2);
                }
                if (e.expireAt() == 0) {
                    return Resp.integer(-1);
                }
                long left = e.expireAt() - now;
                return Resp.integer(name.equals("ttl") ? (left + 500) / 1000 : left);
            }
            case "persist": {
                RedisStore.Entry e = store.get(s.db, a.get(1));
                if (e == null || e.expireAt() == 0) {
                    return Resp.integer(0);
                }
                store.put(s.db, a.get(1), e.value(), 0);
                return Resp.integer(1);
            }
            case "type":
                return Resp.status(store.get(s.db, a.get(1)) == null ? "none" : "string");
            case "select": {
                int db = Integer.parseInt(a.get(1));
                if (db < 0 || db >= store.dbs.size()) {
                    return Resp.error("ERR DB index is out of range");
                }
                s.db = db;
                return Resp.status("OK");
            }
            case "info":
                return Resp.bulk(server.info(a.size() > 1 ? a.get(1).toLowerCase(Locale.ROOT) : "default"));
            case "save":
                return server.save() ? Resp.status("OK") : Resp.error("ERR");
            case "lastsave":
                return Resp.integer(server.lastSave() / 1000);
            case "time":
                return Resp.array(List.of(Long.toString(now / 1000), Long.toString(now % 1000 * 1000)));
            case "command":
            case "client":
                return Resp.array(List.of());
            case "quit":
                s.quit = true;
                return Resp.status("OK");
            case "shutdown":
                server.shutdown(null, a.size() > 1 && a.get(1).equalsIgnoreCase("nosave"));
                return Resp.status("OK");
            default:
                return Resp.error("ERR unknown command '" + name + "'");
        }
    }

    private byte[] set(Session s, List<String> a, long now) {
        long expireAt = 0;
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        for (int i = 3; i < a.size(); i++) {
            String opt = a.get(i).toUpperCase(Locale.ROOT);
            switch (opt) {
                case "EX", "PX" -> {
                    if (i + 1 >= a.size()) {
                        return Resp.error("ERR syntax error");
                    }
                    long v = Long.parseLong(a.get(++i));
                    if (v <= 0) {
                        return Resp.error("ERR invalid expire time in 'set' command");
                    }
                    expireAt = now + (opt.equals("EX") ? v * 1000 : v);
                }
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GET" -> get = true;
                case "KEEPTTL" -> {
                    RedisStore.Entry e = store.get(s.db, a.get(1));
                    expireAt = e == null ? 0 : e.expireAt();
                }
                default -> {
                    return Resp.error("ERR syntax error");
                }
            }
        }
        RedisStore.Entry old = store.get(s.db, a.get(1));
        if ((nx && old != null) || (xx && old == null)) {
            return get ? Resp.bulk(old == null ? null : old.value()) : Resp.bulk(null);
        }
        store.put(s.db, a.get(1), a.get(2), expireAt);
        return get ? Resp.bulk(old == null ? null : old.value()) : Resp.status("OK");
    }

    private byte[] add(Session s, String key, long delta) {
        RedisStore.Entry e = store.get(s.db, key);
        long v;
        try {
            v = e == null ? 0 : Long.parseLong(e.value());
        } catch (NumberFormatException x) {
            return Resp.error(NOT_INTEGER);
        }
        v = Math.addExact(v, delta);
        store.put(s.db, key, Long.toString(v), e == null ? 0 : e.expireAt());
        return Resp.integer(v);
    }
}
