package dev.glassbox.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One JSON file per session under a directory, written whole to a temporary file and moved into place, so
 * a server killed at any moment leaves each session's file as it was before or after a save, never torn.
 * What a killed server leaves of a temporary file is removed when the store opens, and at each sweep.
 * The store knows each session's watch id, last use and size without reading its file again, so that its
 * sweep and its bounds cost no parsing.
 */
final class SessionStore {
    static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMP = ".tmp";

    /** What the store knows of a saved session without reading its file. */
    record Entry(String id, String watchId, long lastUsedMillis, long bytes) {}

    private final Path dir;
    private final Map<String, Entry> index = new ConcurrentHashMap<>();
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
                load(id).ifPresent(s -> remember(s, size(f)));
            }
        }
    }

    Optional<SavedSession> load(String id) {
        Path file = file(id);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), SavedSession.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void save(SavedSession s) {
        Path file = file(s.id());
        Path tmp = null;
        try {
            byte[] json = JSON.writeValueAsBytes(s);
            tmp = Files.createTempFile(dir, s.id(), TEMP);
            Files.write(tmp, json);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            remember(s, json.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save session " + s.id(), e);
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
        if (gone != null) {
            bytes.addAndGet(-gone.bytes());
        }
        deleteQuietly(file); // one that cannot be deleted now is tried again at the next sweep
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

    /** Removes temporary files older than {@code ageMillis}: a save takes far less, so they are what a failure left. */
    void removeTemps(long ageMillis) {
        FileTime before = FileTime.fromMillis(System.currentTimeMillis() - ageMillis);
        for (Path f : list()) {
            try {
                if (f.getFileName().toString().endsWith(TEMP) && Files.getLastModifiedTime(f).compareTo(before) <= 0) {
                    deleteQuietly(f);
                }
            } catch (IOException e) {
                // gone already
            }
        }
    }

    private void remember(SavedSession s, long size) {
        Entry old = index.put(s.id(), new Entry(s.id(), s.watchId(), s.lastUsedMillis(), size));
        bytes.addAndGet(size - (old == null ? 0 : old.bytes()));
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
