package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session store on disk, with an injected clock: expiry of sessions only on disk, its bounds, no temporary file left. */
class SessionStoreTest {
    static final long HOUR = Duration.ofHours(1).toMillis();

    @TempDir
    Path dir;
    final AtomicLong now = new AtomicLong(1_000_000);

    Sessions sessions(StoreLimits bounds) {
        return new Sessions(new SessionStore(dir), Limits.defaults().withRate(1000, 1000), bounds, dev.glassbox.daemon.DaemonOptions.DEFAULT, now::get);
    }

    List<String> files() throws IOException {
        try (Stream<Path> f = Files.list(dir)) {
            return f.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The sessions the directory holds (a whole save and perhaps a log each). */
    List<String> ids() throws IOException {
        return files().stream().map(n -> n.substring(0, n.indexOf('.'))).distinct().toList();
    }

    long diskBytes() throws IOException {
        try (Stream<Path> f = Files.list(dir)) {
            return f.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void theSweepForgetsSessionsIdleTooLongThatAreOnlyOnDiskWithoutReadingThem() throws Exception {
        Sessions before = sessions(StoreLimits.defaults());
        String a = before.create(false).id();
        String b = before.create(false).id();
        now.addAndGet(HOUR);
        WebSession c = before.create(false);
        c.run("docker ps", now.get());
        before.save(c);
        before.closeAll(); // the server stops: a, b and c are on disk only

        Sessions after = sessions(StoreLimits.defaults());
        now.addAndGet(HOUR + HOUR / 2); // a and b idle 2.5 h (over the 2 h limit), c 1.5 h
        assertEquals(2, after.expire());
        assertEquals(List.of(c.id()), ids());
        assertEquals(List.of("docker ps"), after.get(c.id()).history());
        assertThrows(Refusal.class, () -> after.get(a));
        assertThrows(Refusal.class, () -> after.get(b));
        now.addAndGet(2 * HOUR + 1);
        assertEquals(1, after.expire(), "a session in memory expires as well");
        assertEquals(List.of(), files());
    }

    @Test
    void aNewSessionPastTheLimitIsRefusedOnceTheExpiredOnesAreGone() throws Exception {
        Sessions s = sessions(StoreLimits.defaults().withSessions(2));
        String first = s.create(false).id();
        now.addAndGet(HOUR);
        s.create(false);
        Refusal full = assertThrows(Refusal.class, () -> s.create(false));
        assertEquals(503, full.status());
        assertEquals("glassbox: this server keeps at most 2 sessions and all are in use: try again when some have expired "
                + "(after 120 minutes idle), or ask whoever runs it to raise --max-sessions.", full.getMessage());
        assertEquals(2, ids().size());
        now.addAndGet(HOUR + 1); // the first is now idle over 2 h: it makes room
        String third = s.create(false).id();
        assertEquals(2, ids().size());
        assertFalse(ids().contains(first));
        assertTrue(ids().contains(third));
    }

    @Test
    void theStoresBytesAreBoundedAndACommandPastThemIsRefusedBeforeItRuns() throws Exception {
        Sessions s = sessions(StoreLimits.defaults().withBytes(4000));
        WebSession w = s.create(false);
        int ran = 0;
        Refusal full = null;
        while (full == null) {
            String line = "docker ps --filter name=container-with-a-long-name-" + ran;
            try {
                s.room(2L * line.length() + 32);
            } catch (Refusal r) {
                full = r;
                break;
            }
            w.run(line, now.get());
            s.save(w);
            ran++;
        }
        assertEquals(503, full.status());
        assertTrue(full.getMessage().startsWith("glassbox: the sessions saved on this server hold "), full.getMessage());
        assertTrue(full.getMessage().endsWith(", its limit is 4000: try again when some have expired, or ask whoever runs it to raise --max-store-mb."),
                full.getMessage());
        assertTrue(ran > 10, "commands ran before the store was full: " + ran);
        assertTrue(diskBytes() <= 4000, "on disk: " + diskBytes());
        assertEquals(ran, w.history().size(), "the refused command did not run");
    }

    @Test
    void temporaryFilesAKilledServerLeftAreRemovedWhenTheStoreOpens() throws Exception {
        Sessions s = sessions(StoreLimits.defaults());
        String id = s.create(false).id();
        Files.writeString(dir.resolve(id + "8121237.tmp"), "{\"id\":\"" + id + "\",\"lin"); // torn: the server died writing it
        s.closeAll();
        Sessions again = sessions(StoreLimits.defaults());
        assertEquals(List.of(id + ".json"), files());
        assertEquals(List.of(), again.get(id).history());
    }
}
