package dev.glassbox.sim.programs.python;

import dev.glassbox.kernel.SysError;

/** A failed system call as Python raises it: {@code FileNotFoundError: [Errno 2] No such file or directory: 'x'}. */
final class OsErrors {
    private OsErrors() {}

    static PyException of(SysError e, String path) {
        String errno = e.errno();
        int n = switch (errno) {
            case "EPERM" -> 1;
            case "ENOENT" -> 2;
            case "EACCES" -> 13;
            case "EEXIST" -> 17;
            case "ENOTDIR" -> 20;
            case "EISDIR" -> 21;
            case "EINVAL" -> 22;
            case "ENOSPC" -> 28;
            case "EROFS" -> 30;
            case "ENOTEMPTY" -> 39;
            case "EADDRINUSE" -> 98;
            case "ECONNREFUSED" -> 111;
            default -> 5;
        };
        PyClass cls = switch (errno) {
            case "ENOENT" -> Exceptions.FILE_NOT_FOUND;
            case "EACCES", "EPERM" -> Exceptions.PERMISSION;
            case "EEXIST" -> Exceptions.FILE_EXISTS;
            case "ENOTDIR" -> Exceptions.NOT_A_DIRECTORY;
            case "EISDIR" -> Exceptions.IS_A_DIRECTORY;
            case "ECONNREFUSED" -> Exceptions.CONNECTION_REFUSED;
            default -> Exceptions.OS;
        };
        String text = e.getMessage() == null ? errno : e.getMessage();
        if (errno.equals("EADDRINUSE")) {
            text = "Address already in use";
        }
        PyObject exc = new PyObject(cls);
        exc.dict.put("args", PyTuple.of(Ops.integer(n), text));
        exc.dict.put("errno", Ops.integer(n));
        exc.dict.put("strerror", text);
        exc.dict.put("filename", path == null ? PyNone.NONE : path);
        return new PyException(exc);
    }
}
