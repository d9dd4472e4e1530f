package dev.glassbox.kernel;

/**
 * A failed system call: its {@link Errno} ({@code ENOENT}) and the text the caller shows ("No such file or
 * directory"; the C library's wording, or a sentence naming what failed).
 */
public final class SysError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    public SysError(Errno errno, String text) {
        super(text, null, false, Boolean.getBoolean("glassbox.debug"));
        this.errno = java.util.Objects.requireNonNull(errno, "errno");
    }

    /** With glibc's text for the number. */
    public SysError(Errno errno) {
        this(errno, errno.text());
    }

    public Errno errno() {
        return errno;
    }

    public static SysError enoent() { return new SysError(Errno.ENOENT, "No such file or directory"); }
    public static SysError eexist() { return new SysError(Errno.EEXIST, "File exists"); }
    public static SysError enotdir() { return new SysError(Errno.ENOTDIR, "Not a directory"); }
    public static SysError eisdir() { return new SysError(Errno.EISDIR, "Is a directory"); }
    public static SysError enotempty() { return new SysError(Errno.ENOTEMPTY, "Directory not empty"); }
    public static SysError eacces() { return new SysError(Errno.EACCES, "Permission denied"); }
    public static SysError eperm() { return new SysError(Errno.EPERM, "Operation not permitted"); }
    public static SysError einval() { return new SysError(Errno.EINVAL, "Invalid argument"); }
    public static SysError esrch() { return new SysError(Errno.ESRCH, "No such process"); }
    public static SysError echild() { return new SysError(Errno.ECHILD, "No child processes"); }
    public static SysError eloop() { return new SysError(Errno.ELOOP, "Symbolic link loop"); }
    public static SysError eagain() { return new SysError(Errno.EAGAIN, "Resource temporarily unavailable"); }
    public static SysError enoexec() { return new SysError(Errno.ENOEXEC, "Exec format error"); }
    public static SysError erofs() { return new SysError(Errno.EROFS, "Read-only file system"); }
    public static SysError eaddrinuse() { return new SysError(Errno.EADDRINUSE, "Address in use"); }
    public static SysError econnrefused() { return new SysError(Errno.ECONNREFUSED, "Connection refused"); }
    public static SysError ehostunreach() { return new SysError(Errno.EHOSTUNREACH, "No route to host"); }
    public static SysError enetunreach() { return new SysError(Errno.ENETUNREACH, "Network is unreachable"); }
    public static SysError etimedout() { return new SysError(Errno.ETIMEDOUT, "Connection timed out"); }
    public static SysError enospc() { return new SysError(Errno.ENOSPC, "No space left on device"); }
    public static SysError enomem() { return new SysError(Errno.ENOMEM, "Cannot allocate memory"); }
}
