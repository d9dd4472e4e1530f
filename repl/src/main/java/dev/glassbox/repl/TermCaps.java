package dev.glassbox.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.utils.InfoCmp;

/**
 * Keeps what {@code infocmp -x $TERM} printed in the launcher's cache directory, so JLine does not
 * start that process on every start (about 20-30 ms). No cache directory, no caching.
 */
final class TermCaps {
    static final String CACHE_PROPERTY = "glassbox.cache";

    private TermCaps() {}

    /** Hands JLine the cached capabilities of {@code $TERM}, if there are any. */
    static void load() {
        Path file = file();
        if (file != null && Files.isRegularFile(file)) {
            try {
                InfoCmp.setLoadedInfoCmp(term(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a cache that cannot be read is only slower
            }
        }
    }

    /** Stores what JLine learnt about {@code $TERM} on this start, for the next one. */
    static void save() {
        Path file = file();
        if (file == null || Files.exists(file)) {
            return;
        }
        String caps = InfoCmp.getLoadedInfoCmp(term());
        if (caps == null) {
            return;
        }
        try {
            Path tmp = Files.createTempFile(file.getParent(), "infocmp", ".tmp");
            Files.writeString(tmp, caps, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a cache that cannot be written is only slower
        }
    }

    private static String term() {
        String term = System.getenv("TERM");
        return term == null ? "" : term;
    }

    private static Path file() {
        String dir = System.getProperty(CACHE_PROPERTY);
        String term = term();
        if (dir == null || term.isEmpty() || !term.matches("[A-Za-z0-9._+-]+") || !Files.isDirectory(Path.of(dir))) {
            return null;
        }
        return Path.of(dir, "infocmp-" + term);
    }
}
