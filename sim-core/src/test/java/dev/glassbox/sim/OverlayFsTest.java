package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayFsTest {
    private final SimClockInodes ids = new CountingInodes();
    private final TreeFs lower = new TreeFs("layer", ids);
    private final TreeFs upper = new TreeFs("layer", ids);

    private OverlayFs overlay() {
        lower.mkdirs(List.of("etc", "nginx"));
        lower.write(List.of("etc", "nginx", "nginx.conf"), "worker_processes 1;".getBytes(), false, 0644);
        lower.write(List.of("etc", "passwd"), "root:x:0:0".getBytes(), false, 0644);
        return new OverlayFs(upper.root, List.of(lower.root), ids);
    }

    @Test
    void writingALowerFileCopiesItUpAndLeavesTheLayerAlone() {
        OverlayFs fs = overlay();
        fs.write(List.of("etc", "passwd"), "\nbob:x:1000".getBytes(), true, 0644);
        assertArrayEquals("root:x:0:0\nbob:x:1000".getBytes(), ((Node.File) fs.lookup(List.of("etc", "passwd"))).read());
        assertArrayEquals("root:x:0:0".getBytes(), ((Node.File) lower.lookup(List.of("etc", "passwd"))).read());
        assertTrue(upper.lookup(List.of("etc", "passwd")) instanceof Node.File, "the copy is in the upper layer");
    }

    @Test
    void deletingALowerFileLeavesAWhiteout() {
        OverlayFs fs = overlay();
        fs.remove(List.of("etc", "passwd"));
        assertNull(fs.lookup(List.of("etc", "passwd")));
        assertTrue(upper.lookup(List.of("etc", "passwd")) instanceof Node.Dev d && d.whiteout());
        assertEquals(List.of("nginx"), List.copyOf(fs.list(List.of("etc")).keySet()));
    }

    @Test
    void aDirectoryRecreatedOverADeletedOneIsOpaque() {
        OverlayFs fs = overlay();
        fs.remove(List.of("etc", "nginx", "nginx.conf"));
        fs.remove(List.of("etc", "nginx"));
        Node.Dir d = fs.mkdir(List.of("etc", "nginx"), 0755);
        assertTrue(d.opaque);
        assertTrue(fs.list(List.of("etc", "nginx")).isEmpty(), "nothing of the lower nginx directory shows through");
    }

    @Test
    void aFileOnlyInTheUpperLayerIsRemovedWithoutAWhiteout() {
        OverlayFs fs = overlay();
        fs.write(List.of("new"), "x".getBytes(), false, 0644);
        fs.remove(List.of("new"));
        assertNull(upper.lookup(List.of("new")));
    }
}
