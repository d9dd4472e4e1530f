package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Path resolution through mount points: a point with a few mounts below it and one with many (every container's). */
class MountTableTest {
    private final SimClockInodes ids = new CountingInodes();

    private TreeFs fsWith(String file) {
        TreeFs fs = new TreeFs("tmpfs", ids);
        fs.write(List.of(file), file.getBytes(), false, 0644);
        return fs;
    }

    private static MountTable.Mount mount(List<String> target, Fs fs) {
        return new MountTable.Mount(target, fs, List.of(), false, fs.type(), "none", "rw");
    }

    @Test
    void eachOfManySiblingMountPointsLeadsToItsOwnFilesystem() {
        MountTable t = new MountTable();
        TreeFs root = new TreeFs("ext4", ids);
        root.mkdirs(List.of("mnt", "x"));
        t.add(mount(List.of(), root));
        int n = 20; // past the few a point keeps in arrays: then it keeps a hash map
        for (int i = 0; i < n; i++) {
            root.mkdirs(List.of("mnt", "m" + i));
            t.add(mount(List.of("mnt", "m" + i), fsWith("f" + i)));
            for (int j = 0; j <= i; j++) { // the earlier ones still lead where they did as the point grows
                MountTable.Resolved r = t.resolve("/", "/mnt/m" + j + "/f" + j, true);
                assertEquals("f" + j, new String(((Node.File) r.node()).read()));
                assertEquals(List.of("mnt", "m" + j, "f" + j), r.path());
            }
        }
        assertSame(root, t.resolve("/", "/mnt/x", true).mount().fs);
        assertNull(t.resolve("/", "/mnt/m3/f4", true).node(), "f4 is in another mount");

        assertTrue(t.remove(List.of("mnt", "m3")));
        MountTable.Resolved under = t.resolve("/", "mnt/m3/../m4/./f4", true);
        assertEquals("f4", new String(((Node.File) under.node()).read()));
        assertSame(root, t.resolve("/", "/mnt/m3", true).mount().fs, "once unmounted, the directory underneath shows");
        assertNull(t.resolve("/", "/mnt/m3/f3", true).node());
    }
}
