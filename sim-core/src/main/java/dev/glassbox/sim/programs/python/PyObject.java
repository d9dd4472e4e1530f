package dev.glassbox.sim.programs.python;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An instance of a class defined in Python, or of a builtin exception type. */
final class PyObject {
    final PyClass cls;
    final Map<String, Object> dict = new HashMap<>();
    /** For exceptions: the traceback entries, innermost last, and the exceptions it happened during or because of. */
    final List<Traceback.Entry> tb = new ArrayList<>();
    PyObject context;
    PyObject cause;
    boolean suppressContext;

    PyObject(PyClass cls) {
        this.cls = cls;
    }
}
