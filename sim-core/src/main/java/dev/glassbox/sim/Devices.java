package dev.glassbox.sim;

import java.util.List;

/** The device nodes a container's /dev holds, as runc creates them. */
final class Devices {
    static final int MEM_MAJOR = 1;

    private Devices() {}

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
}
