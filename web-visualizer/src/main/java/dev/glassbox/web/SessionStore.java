package dev.glassbox.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Each session on disk as a whole save ({@code ID.json}, written to a temporary file and moved into place)
 * and a log of what it did since ({@code ID.log}, one record appended per command: {@link SessionLog}), so
 * that a command costs one small write whatever the session's history, and a server killed at any moment
 * leaves each session as it was before or after a save, never torn. When the log grows as large as the
 * whole save, the session is saved whole again and its log removed. What a killed server leaves of a
 * temporary file or a log without its session is removed when the store opens; temporary files at each
 * sweep too. The store knows each session's watch id, last use and size without reading its files again,
 * so that its sweep and its bounds cost no parsing.
 */
final class SessionStore {
    static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMP = ".tmp";

    private static final String LOG = ".log";
    /** A log is compacted into the whole save once it is larger than this and than the whole save. */
    static final long MIN_LOG_BYTES = 16 * 1024;

    /** What the store knows of a saved session without reading its files: the whole save's size and the log's. */
    record Entry(String id, String watchId, long lastUsedMillis, long wholeBytes, long logBytes) {
        long bytes() {
            return wholeBytes + logBytes;
        }
    }

    private final Path dir;
    private final Map<String, Entry> index = new ConcurrentHashMap<>();
    /** The session as it is on disk, for each session saved since the store opened: what its next records are counted from. */
    private final Map<String, SavedSession> onDisk = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    SessionStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the session directory " + dir, e);
        }
        removeTemps(0); // no save is under way yet: any temporary file is what a killed server left
        for (Path f : list()) {
            String name = f.getFileName().toString();
            if (name.endsWith(".json")) {
                String id = name.substring(0, name.length() - 5);
                load(id).ifPresent(s -> remember(s, size(f), size(dir.resolve(id + LOG))));
            }
        }
        for (Path f : list()) {
            String name = f.getFileName().toString();
            if (name.endsWith(LOG) && !Files.exists(dir.resolve(name.substring(0, name.length() - LOG.length()) + ".json"))) {
                deleteQuietly(f); // the session was being deleted when the server stopped
            }
        }
    }

    /** The session as saved: its whole save with its log read over it. */
    Optional<SavedSession> load(String id) {
        Path file = file(id);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            SavedSession whole = JSON.readValue(file.toFile(), SavedSession.class);
            Path log = dir.resolve(id + LOG);
            return Optional.of(Files.exists(log) ? SessionLog.replay(whole, Files.readAllBytes(log)) : whole);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Saves what the session did since it was last saved by this store, as records appended to its log; the
     * first time, when its log has grown as large as its whole save, or for a change that is no growth, the
     * session is saved whole. The caller saves one session from one thread at a time.
     */
    void save(SavedSession s) {
        SavedSession before = onDisk.get(s.id());
        Entry was = index.get(s.id());
        try {
            byte[] more = before == null || was == null ? null : SessionLog.changes(before, s);
            if (more == null || was.logBytes() + more.length > Math.max(MIN_LOG_BYTES, was.wholeBytes())) {
                whole(s);
                return;
            }
            if (more.length > 0) {
                Files.write(dir.resolve(s.id() + LOG), more, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            onDisk.put(s.id(), s);
            remember(s, was.wholeBytes(), was.logBytes() + more.length);
        } catch (IOException e) {
            onDisk.remove(s.id()); // a record may be cut short: the next save is a whole one
            throw new UncheckedIOException("cannot save session " + s.id(), e);
        }
    }

    private void whole(SavedSession s) throws IOException {
        Path file = file(s.id());
        Path tmp = null;
        try {
            byte[] json = JSON.writeValueAsBytes(s);
            tmp = Files.createTempFile(dir, s.id(), TEMP);
            Files.write(tmp, json);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            // a log read again over the whole save that holds it changes nothing: a kill before this delete loses nothing
            Files.deleteIfExists(dir.resolve(s.id() + LOG));
            onDisk.put(s.id(), s);
            remember(s, json.length, 0);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    void delete(String id) {
        Path file = file(id);
        if (file == null) {
            return;
        }
        Entry gone = index.remove(id);
        onDisk.remove(id);
        if (gone != null) {
            bytes.addAndGet(-gone.bytes());
        }
        deleteQuietly(file); // first: a log left without it is removed when the store opens
        deleteQuietly(dir.resolve(id + LOG)); // one that cannot be deleted now is tried again at the next sweep
    }

    /** Every saved session as the store knows it (no file is read). */
    List<Entry> entries() {
        return List.copyOf(index.values());
    }

    int count() {
        return index.size();
    }

    /** The bytes of all the sessions' files. */
    long bytes() {
        return bytes.get();
    }

    /**
     * Removes temporary files older than {@code ageMillis}: a save takes far less, so they are what a failure left. At 0
     * every one goes, whatever its time says (a file's time can be a fraction of a millisecond past the clock's now).
     */
    void removeTemps(long ageMillis) {
        FileTime before = FileTime.fromMillis(System.currentTimeMillis() - ageMillis);
        for (Path f : list()) {
            try {
                if (f.getFileName().toString().endsWith(TEMP) && (ageMillis <= 0 || Files.getLastModifiedTime(f).compareTo(before) <= 0)) {
                    deleteQuietly(f);
                }
            } catch (IOException e) {
                // gone already
            }
        }
    }

    private void remember(SavedSession s, long whole, long log) {
        Entry now = new Entry(s.id(), s.watchId(), s.lastUsedMillis(), whole, log);
        Entry old = index.put(s.id(), now);
        bytes.addAndGet(now.bytes() - (old == null ? 0 : old.bytes()));
    }

    private List<Path> list() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // tried again at the next sweep
        }
    }

    /** Null for anything but a well-formed id, so a request can never name a path outside the directory. */
    private Path file(String id) {
        return id != null && ID.matcher(id).matches() ? dir.resolve(id + ".json") : null;
    }
}
