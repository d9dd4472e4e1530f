package dev.glassbox.sim.programs.python;

/** A Python exception travelling up the Java stack; the exception object (and its traceback) is {@link #exc}. */
final class PyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient PyObject exc;

    PyException(PyObject exc) {
        super(null, null, false, false);
        this.exc = exc;
    }

    static PyException of(PyClass cls, Object... args) {
        PyObject o = new PyObject(cls);
        o.dict.put("args", PyTuple.of(args));
        return new PyException(o);
    }

    static PyException type(String msg) {
        return of(Exceptions.TYPE, msg);
    }

    static PyException value(String msg) {
        return of(Exceptions.VALUE, msg);
    }

    static PyException index(String msg) {
        return of(Exceptions.INDEX, msg);
    }

    static PyException zero(String msg) {
        return of(Exceptions.ZERO_DIVISION, msg);
    }

    static PyException attribute(String msg) {
        return of(Exceptions.ATTRIBUTE, msg);
    }

    boolean is(PyClass cls) {
        return exc.cls.isSubclassOf(cls);
    }

    @Override
    public String getMessage() {
        return exc.cls.name;
    }
}
