package dev.glassbox.web;

import dev.glassbox.Engine;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Every browser session, each with its own engine. A session lives in memory while it is used and
 * on disk as the lines it ran: after a server restart it is rebuilt on first use by replaying them.
 * A session idle for longer than {@link Limits#idle()} is forgotten, in memory and on disk.
 * Ids are 128 random bits: knowing one is what lets a page drive that session.
 */
final class Sessions {
    private final SessionStore store;
    private final Limits limits;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, WebSession> live = new ConcurrentHashMap<>();
    /** watch id → session id, for sessions in memory and on disk. */
    private final Map<String, String> watchIndex = new ConcurrentHashMap<>();

    /** How each session's sim daemon is started ({@code glassbox web --storage-driver vfs}). */
    private final dev.glassbox.daemon.DaemonOptions engines;

    Sessions(SessionStore store, Limits limits, LongSupplier clock) {
        this(store, limits, dev.glassbox.daemon.DaemonOptions.DEFAULT, clock);
    }

    Sessions(SessionStore store, Limits limits, dev.glassbox.daemon.DaemonOptions engines, LongSupplier clock) {
        this.engines = engines;
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        for (SavedSession s : store.all()) {
            watchIndex.put(s.watchId(), s.id());
        }
    }

    WebSession create(boolean classroom) {
        String id = newId();
        WebSession s = new WebSession(id, newId(), Engine.DEFAULT_SEED, classroom, limits, engines, clock.getAsLong());
        live.put(id, s);
        watchIndex.put(s.watchId(), id);
        store.save(s.saved());
        return s;
    }

    /** The session with this id, rebuilt from disk if the server restarted since it was last used. */
    WebSession get(String id) {
        WebSession s = live.get(id);
        if (s == null) {
            s = restore(id);
        }
        if (expired(s.lastUsedMillis())) {
            forget(s);
            throw Refusal.notFound(id);
        }
        s.touch(clock.getAsLong());
        return s;
    }

    /** The session a classroom watch id names (read-only: the caller must not run commands in it). */
    WebSession watched(String watchId) {
        String id = watchIndex.get(watchId);
        if (id == null) {
            throw Refusal.notFound(watchId);
        }
        WebSession s = get(id);
        if (!s.classroom()) {
            throw Refusal.notFound(watchId);
        }
        return s;
    }

    private synchronized WebSession restore(String id) {
        WebSession s = live.get(id);
        if (s != null) {
            return s;
        }
        SavedSession saved = store.load(id).orElseThrow(() -> Refusal.notFound(id));
        if (expired(saved.lastUsedMillis())) {
            store.delete(id);
            throw Refusal.notFound(id);
        }
        s = WebSession.restore(saved, limits, engines, saved.lastUsedMillis());
        live.put(id, s);
        watchIndex.put(s.watchId(), id);
        return s;
    }

    /** Saves under the session's lock, so two commands of one session never write its file at once. */
    void save(WebSession s) {
        synchronized (s) {
            if (live.get(s.id()) == s) {
                store.save(s.saved());
            }
        }
    }

    void reset(WebSession s) {
        forget(s);
    }

    /** Forgets every session idle for too long; returns how many. */
    int expire() {
        int n = 0;
        for (WebSession s : live.values()) {
            if (expired(s.lastUsedMillis())) {
                forget(s);
                n++;
            }
        }
        for (SavedSession saved : store.all()) {
            if (!live.containsKey(saved.id()) && expired(saved.lastUsedMillis())) {
                store.delete(saved.id());
                watchIndex.remove(saved.watchId());
                n++;
            }
        }
        return n;
    }

    /** Every session, those in memory as they are now and those only on disk as saved: what the teacher's view lists. */
    List<SavedSession> everyone() {
        List<SavedSession> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WebSession s : live.values()) {
            out.add(s.saved());
            seen.add(s.id());
        }
        for (SavedSession saved : store.all()) {
            if (seen.add(saved.id()) && !expired(saved.lastUsedMillis())) {
                out.add(saved);
            }
        }
        out.sort(Comparator.comparing((SavedSession s) -> s.name().isEmpty()).thenComparing(SavedSession::name)
                .thenComparing(SavedSession::watchId)); // named students first, by name
        return out;
    }

    int liveCount() {
        return live.size();
    }

    private boolean expired(long lastUsed) {
        return clock.getAsLong() - lastUsed > limits.idle().toMillis();
    }

    private void forget(WebSession s) {
        live.remove(s.id());
        watchIndex.remove(s.watchId());
        store.delete(s.id());
        s.publish("{\"type\":\"expired\"}");
        s.close();
    }

    void closeAll() {
        for (WebSession s : live.values()) {
            store.save(s.saved());
            s.close();
        }
        live.clear();
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
