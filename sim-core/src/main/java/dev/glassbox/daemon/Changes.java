package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.image.FileEntry;
import dev.glassbox.daemon.storage.Rootfs;
import dev.glassbox.daemon.storage.StorageDriver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code docker diff} read off a container's upperdir, as Docker's overlay driver does: a whiteout
 * means deleted, a path some lower layer has means changed, anything else added. Directories in the
 * upperdir that exist below are there because something under them changed, so they count as changed.
 */
final class Changes {
    private static final String WHITEOUT = ".wh.";

    private Changes() {}

    static List<Api.Change> of(StorageDriver driver, Rootfs rootfs) {
        List<Api.Change> out = new ArrayList<>();
        for (FileEntry e : driver.diff(rootfs)) {
            String name = base(e.path());
            if (name.startsWith(WHITEOUT + WHITEOUT)) {
                continue;
            }
            if (name.startsWith(WHITEOUT)) {
                out.add(new Api.Change("/" + parent(e.path()) + name.substring(WHITEOUT.length()), Api.Change.DELETED));
                continue;
            }
            boolean below = driver.inParent(rootfs, e.path());
            out.add(new Api.Change("/" + e.path(), below ? Api.Change.MODIFIED : Api.Change.ADDED));
        }
        out.sort(Comparator.comparing(Api.Change::path, Changes::walkOrder));
        return out;
    }

    private static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    /** filepath.Walk's order: a directory, then its entries by name; so compare name by name. */
    static int walkOrder(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** docker diff, traced: the walk of the writable layer and what it found. */
    static List<Api.Change> traced(Daemon d, Container c) {
        try (dev.glassbox.trace.Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "diff", c.name,
                "The daemon walks the container's writable layer (the overlay upperdir) and compares each path with the image's layers below.", "")) {
            List<Api.Change> out = of(d.images.storage.driver, c.rootfs);
            d.tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "changes", c.name, out.size()
                    + " paths differ from the image: whiteouts are deletions, paths the image has are changes, the rest additions.",
                    d.images.storage.driver.diffEquivalent(c.rootfs));
            return out;
        }
    }
}
