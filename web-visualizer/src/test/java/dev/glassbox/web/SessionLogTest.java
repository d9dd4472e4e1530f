package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session saved as a whole save and a log of records: what a command writes, what a kill leaves, what compaction keeps. */
class SessionLogTest {
    @TempDir
    Path dir;
    final AtomicLong now = new AtomicLong(1_000_000);

    Sessions sessions(SessionStore store) {
        return new Sessions(store, Limits.defaults().withRate(1000, 1000), StoreLimits.defaults(), dev.glassbox.daemon.DaemonOptions.DEFAULT, now::get);
    }

    void run(Sessions sessions, WebSession s, String line) {
        now.addAndGet(1000);
        s.run(line, now.get());
        sessions.save(s);
    }

    long size(String name) throws Exception {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.size(f) : 0;
    }

    @Test
    void linesFilesANameAndLabProgressComeBackFromTheLogAsTheyWere() throws Exception {
        Sessions sessions = sessions(new SessionStore(dir));
        WebSession s = sessions.create(false);
        run(sessions, s, "lab start run-flow");
        run(sessions, s, "docker run -d --name web nginx");
        s.putFile("index.html", "<h1>hi</h1>\n".getBytes(StandardCharsets.UTF_8));
        sessions.save(s);
        s.name("Ada");
        sessions.save(s);
        run(sessions, s, "docker cp index.html web:/usr/share/nginx/html/");
        assertTrue(size(s.id() + ".log") > 0, "the changes went to the log");
        assertNotEquals(StudentProgressOf.empty(), s.saved().progress());
        assertEquals(s.saved(), new SessionStore(dir).load(s.id()).orElseThrow());
    }

    @Test
    void aCommandAppendsOneRecordWhateverTheSessionHolds() throws Exception {
        Sessions sessions = sessions(new SessionStore(dir));
        WebSession s = sessions.create(false);
        s.putFile("big.bin", new byte[600_000]);
        sessions.save(s); // a whole save: the log would be larger than it
        long whole = size(s.id() + ".json");
        assertTrue(whole > 800_000, "the file is kept as base64: " + whole);
        for (int i = 0; i < 20; i++) {
            long before = size(s.id() + ".log");
            run(sessions, s, "docker ps");
            assertTrue(size(s.id() + ".log") - before < 100, "one record: " + (size(s.id() + ".log") - before) + " bytes");
        }
        assertEquals(whole, size(s.id() + ".json"), "the whole save was not written again");
    }

    @Test
    void aRecordCutShortByAKillIsNotReadAndTheNextSaveIsWhole() throws Exception {
        Sessions sessions = sessions(new SessionStore(dir));
        WebSession s = sessions.create(false);
        run(sessions, s, "docker ps");
        run(sessions, s, "docker images");
        SavedSession answered = s.saved();
        Files.writeString(dir.resolve(s.id() + ".log"), "{\"n\":2,\"line\":\"docker run -d ngi", StandardOpenOption.APPEND); // killed mid-write
        SessionStore again = new SessionStore(dir);
        assertEquals(answered, again.load(s.id()).orElseThrow());
        Sessions restarted = sessions(again);
        WebSession back = restarted.get(s.id());
        run(restarted, back, "docker version");
        assertFalse(Files.exists(dir.resolve(s.id() + ".log")), "the first save after a restart is whole: the cut record is gone");
        assertEquals(java.util.List.of("docker ps", "docker images", "docker version"), new SessionStore(dir).load(s.id()).orElseThrow().lines());
    }

    @Test
    void theLogIsCompactedAndALogLeftBesideTheCompactedSaveChangesNothing() throws Exception {
        Sessions sessions = sessions(new SessionStore(dir));
        WebSession s = sessions.create(false);
        int compactions = 0;
        Path log = dir.resolve(s.id() + ".log");
        for (int i = 0; i < 800; i++) {
            byte[] before = Files.exists(log) ? Files.readAllBytes(log) : null;
            run(sessions, s, "docker ps --filter name=n" + i);
            assertTrue(size(s.id() + ".log") <= Math.max(SessionStore.MIN_LOG_BYTES, size(s.id() + ".json")) + 100);
            if (!Files.exists(log) && before != null) { // compacted at this command
                compactions++;
                // a kill between the compacted save's move and the log's removal: the old log is read over the new save
                Files.write(log, before);
                assertTrue(s.saved().equals(new SessionStore(dir).load(s.id()).orElseThrow()), "after compaction " + compactions);
                Files.delete(log);
            }
        }
        assertTrue(compactions >= 2, "the log was compacted: " + compactions);
        assertTrue(s.saved().equals(new SessionStore(dir).load(s.id()).orElseThrow()));
    }

    /** The empty progress, named for the assertion. */
    static final class StudentProgressOf {
        static dev.glassbox.lab.StudentProgress empty() {
            return dev.glassbox.lab.StudentProgress.empty();
        }
    }
}
