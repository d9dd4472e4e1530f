package dev.glassbox.sim;

import dev.glassbox.kernel.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The device nodes of the sim host's /dev (a small Debian VM's), and those runc makes in every container's /dev. */
final class Devices {
    static final int MEM_MAJOR = 1;
    private static final int TTY_GID = 5;
    private static final int DISK_GID = 6;
    private static final int KMEM_GID = 15;
    private static final int DIALOUT_GID = 20;

    private Devices() {}

    /** runc's default devices, the safe ones every container gets. */
    static void populate(TreeFs dev) {
        dev(dev, "null", 1, 3);
        dev(dev, "zero", 1, 5);
        dev(dev, "full", 1, 7);
        dev(dev, "random", 1, 8);
        dev(dev, "urandom", 1, 9);
        dev(dev, "tty", 5, 0);
        dev.mkdirs(List.of("pts"));
        dev.mkdirs(List.of("shm"));
        dev.mkdirs(List.of("mqueue"));
        dev.symlink(List.of("stdin"), "/proc/self/fd/0");
        dev.symlink(List.of("stdout"), "/proc/self/fd/1");
        dev.symlink(List.of("stderr"), "/proc/self/fd/2");
        dev.symlink(List.of("fd"), "/proc/self/fd");
    }

    private static void dev(TreeFs fs, String name, int major, int minor) {
        fs.put(List.of(name), new Node.Dev(0x200 + major * 16L + minor, 0666, SimKernel.BOOT_MILLIS, major, minor));
    }

    /**
     * The host's devtmpfs: memory devices, terminals, serial ports, the virtio disk and loop devices,
     * fuse and tun. Its inode numbers are fixed, as the devices are there from boot.
     */
    static TreeFs host(SimClockInodes ids) {
        TreeFs dev = new TreeFs("devtmpfs", new Node.Dir(0x1ff, 0755, SimKernel.BOOT_MILLIS), ids);
        put(dev, List.of("null"), 1, 3, false, 0666, 0);
        put(dev, List.of("zero"), 1, 5, false, 0666, 0);
        put(dev, List.of("full"), 1, 7, false, 0666, 0);
        put(dev, List.of("random"), 1, 8, false, 0666, 0);
        put(dev, List.of("urandom"), 1, 9, false, 0666, 0);
        put(dev, List.of("mem"), 1, 1, false, 0640, KMEM_GID);
        put(dev, List.of("port"), 1, 4, false, 0640, KMEM_GID);
        put(dev, List.of("kmsg"), 1, 11, false, 0644, 0);
        put(dev, List.of("tty"), 5, 0, false, 0666, TTY_GID);
        put(dev, List.of("console"), 5, 1, false, 0600, 0);
        put(dev, List.of("ptmx"), 5, 2, false, 0666, TTY_GID);
        for (int i = 0; i <= 6; i++) {
            put(dev, List.of("tty" + i), 4, i, false, 0620, TTY_GID);
        }
        for (int i = 0; i <= 3; i++) {
            put(dev, List.of("ttyS" + i), 4, 64 + i, false, 0660, DIALOUT_GID);
        }
        put(dev, List.of("cpu_dma_latency"), 10, 124, false, 0600, 0);
        put(dev, List.of("hwrng"), 10, 183, false, 0600, 0);
        put(dev, List.of("fuse"), 10, 229, false, 0666, 0);
        put(dev, List.of("loop-control"), 10, 237, false, 0660, DISK_GID);
        dev.put(List.of("net"), new Node.Dir(0x1fe, 0755, SimKernel.BOOT_MILLIS));
        put(dev, List.of("net", "tun"), 10, 200, false, 0666, 0);
        put(dev, List.of("vda"), 254, 0, true, 0660, DISK_GID);
        put(dev, List.of("vda1"), 254, 1, true, 0660, DISK_GID);
        for (int i = 0; i <= 7; i++) {
            put(dev, List.of("loop" + i), 7, i, true, 0660, DISK_GID);
        }
        return dev;
    }

    private static void put(TreeFs fs, List<String> rel, int major, int minor, boolean block, int mode, int gid) {
        Node.Dev d = new Node.Dev(0x200 + major * 16L + minor + (block ? 0x10000 : 0), mode, SimKernel.BOOT_MILLIS, major, minor, block);
        d.gid = gid;
        fs.put(rel, d);
    }

    /** runc's HostDevices: every device node under {@code dir}, skipping pts, shm, fd and mqueue and /dev/console. */
    static List<Device> list(Fs fs, List<String> dir) {
        List<Device> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : fs.list(dir).entrySet()) {
            String name = e.getKey();
            List<String> rel = new ArrayList<>(dir);
            rel.add(name);
            if (e.getValue() instanceof Node.Dir && !List.of("pts", "shm", "fd", "mqueue").contains(name)) {
                out.addAll(list(fs, rel));
            } else if (e.getValue() instanceof Node.Dev d && !(dir.isEmpty() && name.equals("console"))) {
                out.add(new Device("/dev/" + String.join("/", rel), d.block ? Device.Type.BLOCK : Device.Type.CHAR, d.major, d.minor,
                        d.mode, d.uid, d.gid));
            }
        }
        return out;
    }
}
