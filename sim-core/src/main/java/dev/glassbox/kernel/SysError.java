package dev.glassbox.kernel;

/** A failed system call: the errno name ({@code ENOENT}) and its text ("No such file or directory"). */
public final class SysError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errno;

    public SysError(String errno, String text) {
        super(text, null, false, Boolean.getBoolean("glassbox.debug"));
        this.errno = errno;
    }

    public String errno() {
        return errno;
    }

    public static SysError enoent() { return new SysError("ENOENT", "No such file or directory"); }
    public static SysError eexist() { return new SysError("EEXIST", "File exists"); }
    public static SysError enotdir() { return new SysError("ENOTDIR", "Not a directory"); }
    public static SysError eisdir() { return new SysError("EISDIR", "Is a directory"); }
    public static SysError enotempty() { return new SysError("ENOTEMPTY", "Directory not empty"); }
    public static SysError eacces() { return new SysError("EACCES", "Permission denied"); }
    public static SysError eperm() { return new SysError("EPERM", "Operation not permitted"); }
    public static SysError einval() { return new SysError("EINVAL", "Invalid argument"); }
    public static SysError esrch() { return new SysError("ESRCH", "No such process"); }
    public static SysError echild() { return new SysError("ECHILD", "No child processes"); }
    public static SysError eloop() { return new SysError("ELOOP", "Symbolic link loop"); }
    public static SysError eagain() { return new SysError("EAGAIN", "Resource temporarily unavailable"); }
    public static SysError enoexec() { return new SysError("ENOEXEC", "Exec format error"); }
    public static SysError erofs() { return new SysError("EROFS", "Read-only file system"); }
    public static SysError eaddrinuse() { return new SysError("EADDRINUSE", "Address in use"); }
    public static SysError econnrefused() { return new SysError("ECONNREFUSED", "Connection refused"); }
    public static SysError ehostunreach() { return new SysError("EHOSTUNREACH", "No route to host"); }
    public static SysError enetunreach() { return new SysError("ENETUNREACH", "Network is unreachable"); }
    public static SysError etimedout() { return new SysError("ETIMEDOUT", "Connection timed out"); }
    public static SysError enospc() { return new SysError("ENOSPC", "No space left on device"); }
    public static SysError enomem() { return new SysError("ENOMEM", "Cannot allocate memory"); }
}
