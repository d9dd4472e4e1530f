package dev.glassbox.kernel;

/**
 * A device node, as an OCI spec's {@code linux.devices} entry names it: where it appears under
 * /dev, character or block, its major and minor numbers, permission bits and owner. {@code
 * --privileged} gives a container one for every device node of the host.
 */
public record Device(String path, Type type, int major, int minor, int mode, int uid, int gid) {
    public enum Type {
        CHAR('c'), BLOCK('b');

        private final char letter;

        Type(char letter) {
            this.letter = letter;
        }

        /** {@code c} or {@code b}, as mknod(1) and ls -l write it. */
        public char letter() {
            return letter;
        }
    }

    public Device {
        if (!path.startsWith("/dev/") || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException("not a path under /dev: " + path);
        }
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("bad device number " + major + ":" + minor);
        }
        mode &= 07777;
    }

    /** mknod PATH TYPE MAJOR MINOR, the command line that makes it. */
    public String mknod() {
        return "mknod -m " + Integer.toOctalString(mode) + " " + path + " " + type.letter() + " " + major + " " + minor;
    }
}
