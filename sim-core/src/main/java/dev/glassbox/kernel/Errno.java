package dev.glassbox.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * The error numbers a system call fails with, as Linux numbers them (x86-64 and arm64 share these), with
 * glibc's {@code strerror} text. A {@link SysError} carries one; its message may be the C library's own
 * wording instead (musl, in Alpine's programs, says "Symbolic link loop" for ELOOP).
 * {@link #EAI_NONAME} is getaddrinfo's "no such name" (a negative code, not an errno), kept here because
 * a failed name lookup travels the same way.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EBADF(9, "Bad file descriptor"),
    ECHILD(10, "No child processes"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ETXTBSY(26, "Text file busy"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    ESPIPE(29, "Illegal seek"),
    EROFS(30, "Read-only file system"),
    EMLINK(31, "Too many links"),
    EPIPE(32, "Broken pipe"),
    ERANGE(34, "Numerical result out of range"),
    ENAMETOOLONG(36, "File name too long"),
    ENOSYS(38, "Function not implemented"),
    ENOTEMPTY(39, "Directory not empty"),
    ELOOP(40, "Too many levels of symbolic links"),
    ENODATA(61, "No data available"),
    ENETDOWN(100, "Network is down"),
    EOVERFLOW(75, "Value too large for defined data type"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    /** Linux's ENOTSUP is EOPNOTSUPP (95): two names, one number. */
    EOPNOTSUPP(95, "Operation not supported"),
    ENOTSUP(95, "Operation not supported"),
    EADDRINUSE(98, "Address already in use"),
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETUNREACH(101, "Network is unreachable"),
    ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"),
    ENOTCONN(107, "Transport endpoint is not connected"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    EHOSTUNREACH(113, "No route to host"),
    EALREADY(114, "Operation already in progress"),
    EINPROGRESS(115, "Operation now in progress"),
    /** getaddrinfo's EAI_NONAME (-2), as gai_strerror words it. */
    EAI_NONAME(-2, "Name or service not known"),
    /** A number this table does not name; the error's message says which. */
    EUNKNOWN(0, "Unknown error");

    private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_NUMBER.putIfAbsent(e.number, e); // EOPNOTSUPP before ENOTSUP: the name strace prints
        }
    }

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The number {@code errno} holds after the failed call. */
    public int number() {
        return number;
    }

    /** glibc's strerror text. */
    public String text() {
        return text;
    }

    /** The errno with this number; {@link #EUNKNOWN} for one the table lacks. */
    public static Errno of(int number) {
        return BY_NUMBER.getOrDefault(number, EUNKNOWN);
    }
}
