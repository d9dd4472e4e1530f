package dev.glassbox.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a student's progress is kept. {@link #file} keeps it in a JSON file (the REPL's, under the
 * user's home), written whole to a temporary file and renamed over the old one; {@link #memory} keeps it
 * with its owner (a browser session saves it with its own file).
 */
public interface ProgressStore {
    ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    StudentProgress load();

    void save(StudentProgress progress);

    static ProgressStore memory(StudentProgress initial) {
        return new ProgressStore() {
            private StudentProgress p = initial == null ? StudentProgress.empty() : initial;

            @Override
            public synchronized StudentProgress load() {
                return p;
            }

            @Override
            public synchronized void save(StudentProgress progress) {
                p = progress;
            }
        };
    }

    /**
     * A file that cannot be read as progress is set aside as {@code FILE.broken}, and the student starts
     * afresh. The file is read once; this store is its one writer, so what it last wrote is what it holds.
     */
    static ProgressStore file(Path path) {
        return new ProgressStore() {
            private StudentProgress held;

            @Override
            public synchronized StudentProgress load() {
                if (held == null) {
                    held = read();
                }
                return held;
            }

            private StudentProgress read() {
                try {
                    return JSON.readValue(Files.readAllBytes(path), StudentProgress.class);
                } catch (NoSuchFileException e) {
                    return StudentProgress.empty();
                } catch (IOException | RuntimeException e) {
                    try {
                        Files.move(path, path.resolveSibling(path.getFileName() + ".broken"), StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException ignored) {
                        // left where it is; the next save replaces it
                    }
                    return StudentProgress.empty();
                }
            }

            @Override
            public synchronized void save(StudentProgress progress) {
                held = progress;
                try {
                    Files.createDirectories(path.toAbsolutePath().getParent());
                    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
                    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(progress));
                    try {
                        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot save lab progress to " + path + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
