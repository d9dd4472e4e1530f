package dev.glassbox.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One JSON file per session under a directory, written whole and moved into place. */
final class SessionStore {
    static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    SessionStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the session directory " + dir, e);
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
        try {
            Path tmp = Files.createTempFile(dir, s.id(), ".tmp");
            JSON.writeValue(tmp.toFile(), s);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save session " + s.id(), e);
        }
    }

    void delete(String id) {
        Path file = file(id);
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // an expired session that cannot be deleted now is tried again at the next sweep
        }
    }

    List<SavedSession> all() {
        List<SavedSession> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    load(name.substring(0, name.length() - 5)).ifPresent(out::add);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Null for anything but a well-formed id, so a request can never name a path outside the directory. */
    private Path file(String id) {
        return id != null && ID.matcher(id).matches() ? dir.resolve(id + ".json") : null;
    }
}
