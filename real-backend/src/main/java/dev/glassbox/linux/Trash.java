package dev.glassbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * rm -rf off the caller's thread: a removed tree leaves its place at once, by one rename into
 * {@code <root>/.trash} on the same filesystem, and is deleted from there by a background thread
 * (each unlink is a journaled write: a container's tree costs tens of milliseconds). What a daemon
 * that died left in the trash is deleted in the background at the next start.
 */
final class Trash {
    static final String DIR = ".trash";

    private final Path trash;
    private final AtomicLong count = new AtomicLong();
    private final ExecutorService deleter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glassbox-rm");
        t.setDaemon(true);
        return t;
    });

    Trash(Path root) {
        this.trash = root.resolve(DIR);
        if (Files.exists(trash)) {
            Path left = root.resolve(DIR + "." + System.nanoTime());
            try {
                Files.move(trash, left, StandardCopyOption.ATOMIC_MOVE);
                later(left);
            } catch (IOException e) {
                later(trash);
            }
        }
    }

    /** Removes {@code p} from where it is now; its files are deleted later (or at once, on another filesystem). */
    void discard(Path p) {
        Path dest = trash.resolve(p.getFileName() + "." + count.incrementAndGet());
        try {
            try {
                Files.move(p, dest, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.NoSuchFileException e) {
                // the first discard (or the trash was deleted): make it, then move. Asking mkdir every
                // time cost a failed system call and an exception on every docker rm
                Files.createDirectories(trash);
                Files.move(p, dest, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            try {
                LinuxHostFs.deleteTree(p); // another filesystem, or the rename refused: delete in place
            } catch (IOException e2) {
                throw LinuxHostFs.sysError(e2);
            }
            return;
        }
        later(dest);
    }

    private void later(Path tree) {
        deleter.execute(() -> {
            try {
                LinuxHostFs.deleteTree(tree);
            } catch (IOException e) {
                // left in the trash: the next daemon's start deletes it
            }
        });
    }

    /** Waits until every tree discarded so far is deleted from the disk too (at most {@code millis}); whether it is. */
    boolean await(long millis) {
        Future<?> done = deleter.submit(() -> { });
        try {
            done.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
