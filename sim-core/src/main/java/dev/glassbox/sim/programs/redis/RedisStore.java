package dev.glassbox.sim.programs.redis;

import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Globs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Redis's keyspace (strings only): 16 databases, lazy expiry, and memory the kernel is told about. */
final class RedisStore {
    /** A value and its absolute expiry in epoch millis (0 = none). */
    record Entry(String value, long expireAt) {}

    /** What a key costs beyond its bytes: dict entry, robj and sds headers. */
    static final int OVERHEAD = 64;

    private final Sys sys;
    final List<Map<String, Entry>> dbs = new ArrayList<>();
    long used;

    RedisStore(Sys sys) {
        this.sys = sys;
        for (int i = 0; i < 16; i++) {
            dbs.add(new LinkedHashMap<>());
        }
    }

    static long cost(String key, String value) {
        return key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + OVERHEAD;
    }

    Entry get(int db, String key) {
        Entry e = dbs.get(db).get(key);
        if (e != null && e.expireAt() != 0 && e.expireAt() <= sys.timeMillis()) {
            delete(db, key);
            return null;
        }
        return e;
    }

    /** Stores a value; memory is allocated first, so an OOM kill happens before the write. */
    void put(int db, String key, String value, long expireAt) {
        long need = cost(key, value);
        sys.allocate(need);
        used += need;
        Entry old = dbs.get(db).put(key, new Entry(value, expireAt));
        if (old != null) {
            release(cost(key, old.value()));
        }
    }

    boolean delete(int db, String key) {
        Entry old = dbs.get(db).remove(key);
        if (old != null) {
            release(cost(key, old.value()));
        }
        return old != null;
    }

    private void release(long bytes) {
        sys.free(bytes);
        used -= bytes;
    }

    void flush(int db) {
        for (String k : new ArrayList<>(dbs.get(db).keySet())) {
            delete(db, k);
        }
    }

    List<String> keys(int db, String pattern) {
        List<String> out = new ArrayList<>();
        for (String k : new ArrayList<>(dbs.get(db).keySet())) {
            if (get(db, k) != null && Globs.matches(pattern, k)) {
                out.add(k);
            }
        }
        return out;
    }

    int size(int db) {
        return keys(db, "*").size();
    }
}
