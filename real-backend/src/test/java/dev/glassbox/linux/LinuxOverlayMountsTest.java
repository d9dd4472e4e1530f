package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlay whiteouts and a real overlay mount: only as root with overlayfs available. */
class LinuxOverlayMountsTest {
    @TempDir
    Path tmp;

    private static void assumeRootAndOverlay() throws IOException {
        boolean root = Preflight.effectiveUid(Path.of("/")) == 0;
        String why = "needs uid 0 for mknod, trusted.* xattrs and mount (uid is " + Preflight.effectiveUid(Path.of("/")) + ")";
        if (!root) {
            System.out.println("glassbox: skipping: " + why);
        }
        assumeTrue(root, why);
        boolean overlay = Files.readString(Path.of("/proc/filesystems")).contains("\toverlay");
        if (!overlay) {
            System.out.println("glassbox: skipping: overlay is not in /proc/filesystems");
        }
        assumeTrue(overlay, "overlay is not in /proc/filesystems");
    }

    private static boolean isWhiteout(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000 && (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0L;
    }

    private List<String> mountsUnder(Path dir) throws IOException {
        String d = dir.toRealPath().toString();
        List<String> out = new ArrayList<>();
        for (String m : LinuxOverlayMounts.mountPoints()) {
            if (m.equals(d) || m.startsWith(d + "/")) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void whiteoutsAndOpaqueDirectoriesRoundTrip() throws IOException {
        assumeRootAndOverlay();
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("state"));
        String layer = tmp.resolve("state/l").toString();
        List<FileEntry> in = List.of(
                FileEntry.dir("a", 0755),
                FileEntry.file("a/.wh..wh..opq", 0644, new byte[0]),
                FileEntry.file("a/keep", 0644, "k"),
                FileEntry.dir("b", 0755),
                FileEntry.file("b/.wh.x", 0644, new byte[0]),
                FileEntry.file(".wh.gone", 0644, new byte[0]));
        fs.unpackLayer(layer, in);
        assertTrue(isWhiteout(Path.of(layer, "gone")));
        assertTrue(isWhiteout(Path.of(layer, "b/x")));
        assertFalse(Files.exists(Path.of(layer, ".wh.gone"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(java.util.Set.of("a"), LinuxHostFs.opaqueDirs(Path.of(layer)));
        // the sim's order: names sorted, the opaque marker first in its directory, a whiteout where its name sorts
        assertEquals(List.of(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5)), fs.readTree(layer));
    }

    @Test
    void aRealOverlayMergesLayersAndRecordsWritesAndDeletesInTheUpperdir() throws IOException {
        assumeRootAndOverlay();
        Path state = tmp.resolve("state");
        LinuxHostFs fs = new LinuxHostFs(state);
        Tracer tracer = new Tracer(() -> 0L);
        LinuxOverlayMounts mounts = new LinuxOverlayMounts(state, tracer);
        String lower1 = state.resolve("layers/1").toString();
        String lower2 = state.resolve("layers/2").toString();
        String upper = state.resolve("c/upper").toString();
        String work = state.resolve("c/work").toString();
        String merged = state.resolve("c/merged").toString();
        fs.unpackLayer(lower1, List.of(
                FileEntry.dir("bin", 0755),
                FileEntry.file("bin/ls", 0755, "ls"),
                FileEntry.file("bin/cat", 0755, "cat"),
                FileEntry.dir("etc", 0755),
                FileEntry.file("etc/motd", 0644, "lower1"),
                FileEntry.file("etc/passwd", 0644, "root:x:0:0"),
                FileEntry.dir("data", 0755),
                FileEntry.file("data/old", 0644, "old")));
        fs.unpackLayer(lower2, List.of(
                FileEntry.dir("etc", 0755),
                FileEntry.file("etc/motd", 0644, "lower2"),
                FileEntry.file("etc/.wh.passwd", 0644, new byte[0]),
                FileEntry.file(".wh.data", 0644, new byte[0])));
        fs.unpackLayer(upper, List.of(FileEntry.dir("etc", 0755), FileEntry.file("etc/motd", 0644, "upper")));
        fs.mkdirs(work);
        fs.mkdirs(merged);
        Path m = Path.of(merged);
        tracer.begin("test", "overlay");
        try {
            mounts.overlay(List.of(lower2, lower1), upper, work, merged);
            assertTrue(LinuxOverlayMounts.isMounted(m), "mounted at " + merged);
            assertEquals("ls", Files.readString(m.resolve("bin/ls")), "a file from the bottom layer shows through");
            assertEquals("upper", Files.readString(m.resolve("etc/motd")), "the upperdir shadows both lowers");
            assertFalse(Files.exists(m.resolve("etc/passwd")), "a whiteout in lower2 hides lower1's file");
            assertFalse(Files.exists(m.resolve("data")), "a whiteout hides a whole directory");
            assertThrows(SysError.class, () -> fs.remove(state.resolve("c").toString()), "nothing is removed under a mount");

            Files.writeString(m.resolve("new.txt"), "fresh");
            assertEquals("fresh", Files.readString(Path.of(upper, "new.txt")), "a write lands in the upperdir");
            Files.delete(m.resolve("bin/ls"));
            assertTrue(isWhiteout(Path.of(upper, "bin/ls")), "a delete leaves a 0:0 character device in the upperdir");
            assertEquals("ls", Files.readString(Path.of(lower1, "bin/ls")), "the layer itself is never changed");
            List<String> diff = fs.readTree(upper).stream().map(FileEntry::path).toList();
            assertTrue(diff.contains("bin/.wh.ls") && diff.contains("new.txt") && diff.contains("etc/motd"), diff.toString());

            mounts.unmount(merged);
            assertFalse(LinuxOverlayMounts.isMounted(m), "detached from the tree when unmount returns");
            mounts.settle();
            assertEquals("fresh", Files.readString(Path.of(upper, "new.txt")), "the writes stay in the upperdir once the overlay has ended");
            Files.delete(m);
            assertThrows(SysError.class, () -> mounts.unmount(merged), "unmounting twice is an error");
        } finally {
            for (String mp : mountsUnder(tmp)) {
                Cmd.run(List.of("umount", "-l", mp), 5_000);
            }
        }
        assertEquals(List.of(), mountsUnder(tmp), "nothing of the temp dir stays mounted");
        List<TraceEvent> events = tracer.finish().events().stream().filter(e -> e.subsystem() == Subsystem.UNIONFS).toList();
        assertEquals("mount overlay", events.get(0).action());
        // the daemon makes the system calls itself: the equivalent is the call, as mount(8) and umount(8) would make it
        assertEquals("mount(\"overlay\", \"" + merged + "\", \"overlay\", 0, \"lowerdir=" + lower2 + ":" + lower1 + ",upperdir=" + upper
                + ",workdir=" + work + "\")", events.get(0).equivalent());
        assertEquals("umount", events.get(1).action());
        assertEquals("umount2(\"" + merged + "\", MNT_DETACH)", events.get(1).equivalent(), "detached, as Docker's overlay2 driver unmounts");
    }

    @Test
    void mountsOutsideTheStateRootAreRefusedWithoutRunningAnything() throws IOException {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        List<List<String>> ran = new ArrayList<>();
        LinuxOverlayMounts mounts = new LinuxOverlayMounts(state, null, argv -> {
            ran.add(argv);
            return new Cmd.Result(argv, 0, "", "");
        });
        Files.createDirectories(state.resolve("l"));
        Files.createDirectories(state.resolve("u"));
        Files.createDirectories(state.resolve("w"));
        String in = state.toString();
        assertThrows(IllegalArgumentException.class, () -> mounts.overlay(List.of(in + "/l"), in + "/u", in + "/w", outside.toString()));
        assertThrows(IllegalArgumentException.class, () -> mounts.overlay(List.of(outside.toString()), in + "/u", in + "/w", in + "/l"));
        assertThrows(IllegalArgumentException.class, () -> mounts.unmount("/"));
        assertThrows(IllegalArgumentException.class, () -> mounts.unmount(in + "/../outside"));
        assertEquals(List.of(), ran);
        mounts.overlay(List.of(in + "/l"), in + "/u", in + "/w", in + "/l");
        assertEquals(List.of(List.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + in + "/l,upperdir=" + in + "/u,workdir="
                + in + "/w", in + "/l")), ran);
    }
}
