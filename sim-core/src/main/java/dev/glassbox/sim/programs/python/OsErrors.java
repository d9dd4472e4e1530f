package dev.glassbox.sim.programs.python;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;

/** A failed system call as Python raises it: {@code FileNotFoundError: [Errno 2] No such file or directory: 'x'}. */
final class OsErrors {
    private OsErrors() {}

    static PyException of(SysError e, String path) {
        Errno errno = e.errno();
        int n = errno.number() > 0 ? errno.number() : Errno.EIO.number();
        PyClass cls = switch (errno) {
            case ENOENT -> Exceptions.FILE_NOT_FOUND;
            case EACCES, EPERM -> Exceptions.PERMISSION;
            case EEXIST -> Exceptions.FILE_EXISTS;
            case ENOTDIR -> Exceptions.NOT_A_DIRECTORY;
            case EISDIR -> Exceptions.IS_A_DIRECTORY;
            case ECONNREFUSED -> Exceptions.CONNECTION_REFUSED;
            default -> Exceptions.OS;
        };
        String text = e.getMessage() == null ? errno.text() : e.getMessage();
        if (errno == Errno.EADDRINUSE) {
            text = Errno.EADDRINUSE.text(); // CPython on glibc
        }
        PyObject exc = new PyObject(cls);
        exc.dict.put("args", PyTuple.of(Ops.integer(n), text));
        exc.dict.put("errno", Ops.integer(n));
        exc.dict.put("strerror", text);
        exc.dict.put("filename", path == null ? PyNone.NONE : path);
        return new PyException(exc);
    }
}
