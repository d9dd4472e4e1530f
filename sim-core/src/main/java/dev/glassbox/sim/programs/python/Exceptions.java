package dev.glassbox.sim.programs.python;

import java.util.LinkedHashMap;
import java.util.Map;

/** The builtin exception types, in CPython's hierarchy (the part of it this interpreter raises or programs name). */
final class Exceptions {
    private Exceptions() {}

    static final Map<String, PyClass> ALL = new LinkedHashMap<>();
    static final PyClass BASE = add("BaseException", null);
    static final PyClass SYSTEM_EXIT = add("SystemExit", BASE);
    static final PyClass KEYBOARD_INTERRUPT = add("KeyboardInterrupt", BASE);
    static final PyClass EXCEPTION = add("Exception", BASE);
    static final PyClass ARITHMETIC = add("ArithmeticError", EXCEPTION);
    static final PyClass ZERO_DIVISION = add("ZeroDivisionError", ARITHMETIC);
    static final PyClass OVERFLOW = add("OverflowError", ARITHMETIC);
    static final PyClass ASSERTION = add("AssertionError", EXCEPTION);
    static final PyClass ATTRIBUTE = add("AttributeError", EXCEPTION);
    static final PyClass EOF = add("EOFError", EXCEPTION);
    static final PyClass IMPORT = add("ImportError", EXCEPTION);
    static final PyClass MODULE_NOT_FOUND = add("ModuleNotFoundError", IMPORT);
    static final PyClass LOOKUP = add("LookupError", EXCEPTION);
    static final PyClass INDEX = add("IndexError", LOOKUP);
    static final PyClass KEY = add("KeyError", LOOKUP);
    static final PyClass MEMORY = add("MemoryError", EXCEPTION);
    static final PyClass NAME = add("NameError", EXCEPTION);
    static final PyClass UNBOUND_LOCAL = add("UnboundLocalError", NAME);
    static final PyClass OS = add("OSError", EXCEPTION);
    static final PyClass FILE_NOT_FOUND = add("FileNotFoundError", OS);
    static final PyClass FILE_EXISTS = add("FileExistsError", OS);
    static final PyClass IS_A_DIRECTORY = add("IsADirectoryError", OS);
    static final PyClass NOT_A_DIRECTORY = add("NotADirectoryError", OS);
    static final PyClass PERMISSION = add("PermissionError", OS);
    static final PyClass CONNECTION = add("ConnectionError", OS);
    static final PyClass CONNECTION_REFUSED = add("ConnectionRefusedError", CONNECTION);
    static final PyClass RUNTIME = add("RuntimeError", EXCEPTION);
    static final PyClass RECURSION = add("RecursionError", RUNTIME);
    static final PyClass NOT_IMPLEMENTED = add("NotImplementedError", RUNTIME);
    static final PyClass STOP_ITERATION = add("StopIteration", EXCEPTION);
    static final PyClass SYNTAX = add("SyntaxError", EXCEPTION);
    static final PyClass SYSTEM_ERROR = add("SystemError", EXCEPTION);
    static final PyClass INDENTATION = add("IndentationError", SYNTAX);
    static final PyClass TYPE = add("TypeError", EXCEPTION);
    static final PyClass VALUE = add("ValueError", EXCEPTION);
    static final PyClass UNICODE = add("UnicodeError", VALUE);
    static final PyClass JSON_DECODE = jsonDecode();

    private static PyClass add(String name, PyClass base) {
        PyClass c = new PyClass(name, base, null, "builtins");
        ALL.put(name, c);
        return c;
    }

    private static PyClass jsonDecode() {
        PyClass c = new PyClass("JSONDecodeError", VALUE, null, "json.decoder");
        return c;
    }
}
