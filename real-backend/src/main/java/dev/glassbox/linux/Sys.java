package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The few system calls the daemon makes itself, from the JVM, bound with jnr-ffi: mount(2),
 * umount2(2), kill(2), and what netlink needs (open, setns, socket, send, recv, close). Each is
 * what the command it replaces ({@code mount}, {@code umount}, {@code kill}, {@code ip}) would
 * have called, without starting a process for it. {@link #available} is false where libc cannot be
 * bound; callers then run the commands instead.
 */
final class Sys {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CLOEXEC = 0x80000;
    static final int O_DIRECTORY = 0x10000;
    static final int O_PATH = 0x200000;
    static final int FALLOC_FL_KEEP_SIZE = 1;
    static final int FALLOC_FL_PUNCH_HOLE = 2;
    static final long MS_NOSUID = 0x2;
    static final long MS_NODEV = 0x4;
    static final long MS_NOEXEC = 0x8;
    static final int MNT_DETACH = 2;
    static final int CLONE_NEWNET = 0x40000000;
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;

    /** The libc functions used, as jnr-ffi binds them (errno saved after each call). */
    public interface LibC {
        @SaveError
        int mount(String source, String target, String fstype, long flags, String data);

        @SaveError
        int umount2(String target, int flags);

        @SaveError
        int kill(int pid, int signal);

        @SaveError
        int open(String path, int flags);

        @SaveError
        int close(int fd);

        @SaveError
        int fallocate(int fd, int mode, long offset, long len);

        @SaveError
        int setns(int fd, int nstype);

        @SaveError
        int socket(int domain, int type, int protocol);

        @SaveError
        long send(int fd, @In byte[] buf, long len, int flags);

        @SaveError
        long recv(int fd, @Out byte[] buf, long len, int flags);
    }

    private static final LibC LIBC = load();

    private Sys() {
    }

    private static LibC load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            return LibraryLoader.create(LibC.class).load("c");
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether libc is bound (Linux, and jnr-ffi's native part loads). */
    static boolean available() {
        return LIBC != null;
    }

    static LibC libc() {
        if (LIBC == null) {
            throw new IllegalStateException("glassbox: libc is not bound on this host");
        }
        return LIBC;
    }

    /** errno of this thread's last call. */
    static int errno() {
        return Runtime.getRuntime(LIBC).getLastError();
    }

    /** strerror's text ("File exists"); "Unknown error N" for a number the table lacks, as glibc says. */
    static String strerror(int errno) {
        Errno e = Errno.of(errno);
        return e == Errno.EUNKNOWN ? "Unknown error " + errno : e.text();
    }

    /** A failed call as the kernel's error: "glassbox: WHAT: Text (ENAME)". */
    static SysError fail(int errno, String what) {
        return new SysError(Errno.of(errno), "glassbox: " + what + ": " + strerror(errno));
    }
}
