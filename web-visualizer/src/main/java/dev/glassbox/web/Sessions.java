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
 * A session idle for longer than {@link Limits#idle()} is forgotten, in memory and on disk, when it is
 * next asked for and at each sweep. The store is bounded ({@link StoreLimits}): past its bounds, and once
 * the expired sessions are gone, a new session or a command is refused in one line.
 * Ids are 128 random bits: knowing one is what lets a page drive that session.
 */
final class Sessions {
    private final SessionStore store;
    private final Limits limits;
    private final StoreLimits bounds;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, WebSession> live = new ConcurrentHashMap<>();
    /** watch id → session id, for sessions in memory and on disk. */
    private final Map<String, String> watchIndex = new ConcurrentHashMap<>();

    /** How each session's sim daemon is started ({@code glassbox web --storage-driver vfs}). */
    private final dev.glassbox.daemon.DaemonOptions engines;

    Sessions(SessionStore store, Limits limits, LongSupplier clock) {
        this(store, limits, StoreLimits.defaults(), dev.glassbox.daemon.DaemonOptions.DEFAULT, clock);
    }

    Sessions(SessionStore store, Limits limits, StoreLimits bounds, dev.glassbox.daemon.DaemonOptions engines, LongSupplier clock) {
        this.engines = engines;
        this.store = store;
        this.limits = limits;
        this.bounds = bounds;
        this.clock = clock;
        for (SessionStore.Entry e : store.entries()) {
            watchIndex.put(e.watchId(), e.id());
        }
    }

    /** A new session, saved at once; refused (503) when the store holds as many sessions as it may, expired ones gone. */
    synchronized WebSession create(boolean classroom) {
        if (store.count() >= bounds.sessions()) {
            expire();
            if (store.count() >= bounds.sessions()) {
                throw new Refusal(503, "glassbox: this server keeps at most " + bounds.sessions() + " sessions and all are in use: "
                        + "try again when some have expired (after " + limits.idle().toMinutes() + " minutes idle), or ask whoever runs it to raise --max-sessions.");
            }
        }
        room(0);
        String id = newId();
        WebSession s = new WebSession(id, newId(), Engine.DEFAULT_SEED, classroom, limits, engines, clock.getAsLong());
        live.put(id, s);
        watchIndex.put(s.watchId(), id);
        store.save(s.saved());
        return s;
    }

    /**
     * Refuses (503) what would add {@code more} bytes to a store already as large as it may be, once the
     * expired sessions are gone. Checked before a command runs, so that a command that ran is always saved.
     */
    void room(long more) {
        if (store.bytes() + more > bounds.bytes()) {
            expire();
            if (store.bytes() + more > bounds.bytes()) {
                throw new Refusal(503, "glassbox: the sessions saved on this server hold " + store.bytes() + " bytes, its limit is "
                        + bounds.bytes() + ": try again when some have expired, or ask whoever runs it to raise --max-store-mb.");
            }
        }
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

    /**
     * Forgets every session idle for too long, those in memory and those only on disk (saved before a
     * restart and not asked for since); returns how many. The server's sweeper calls it periodically.
     */
    synchronized int expire() {
        int n = 0;
        for (WebSession s : live.values()) {
            if (expired(s.lastUsedMillis())) {
                forget(s);
                n++;
            }
        }
        for (SessionStore.Entry e : store.entries()) {
            if (!live.containsKey(e.id()) && expired(e.lastUsedMillis())) {
                store.delete(e.id());
                watchIndex.remove(e.watchId());
                n++;
            }
        }
        store.removeTemps(60_000);
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
        for (SessionStore.Entry e : store.entries()) {
            if (seen.add(e.id()) && !expired(e.lastUsedMillis())) {
                store.load(e.id()).ifPresent(out::add);
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
        synchronized (s) { // a save under way ends before the file goes, and none follows
            live.remove(s.id());
            watchIndex.remove(s.watchId());
            store.delete(s.id());
        }
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
