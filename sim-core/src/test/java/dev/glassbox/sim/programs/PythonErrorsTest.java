package dev.glassbox.sim.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.sim.SimBox;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What CPython 3.12 prints on stderr for a script that fails, and the status it ends with. */
class PythonErrorsTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("x = 1\nprint(1/0)\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 2, in <module>
                            print(1/0)
                                  ~^~
                        ZeroDivisionError: division by zero
                        """),
                Arguments.of("def f(a):\n    return a[5]\nf([1, 2])\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 3, in <module>
                            f([1, 2])
                          File "/app/x.py", line 2, in f
                            return a[5]
                                   ~^^^
                        IndexError: list index out of range
                        """),
                Arguments.of("count = 1\nprint(cout)\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 2, in <module>
                            print(cout)
                                  ^^^^
                        NameError: name 'cout' is not defined. Did you mean: 'count'?
                        """),
                Arguments.of("sys.exit(2)\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 1, in <module>
                            sys.exit(2)
                            ^^^
                        NameError: name 'sys' is not defined. Did you forget to import 'sys'?
                        """),
                Arguments.of("class A:\n    def __init__(self):\n        self.value = 1\nprint(A().valeu)\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 4, in <module>
                            print(A().valeu)
                                  ^^^^^^^^^
                        AttributeError: 'A' object has no attribute 'valeu'. Did you mean: 'value'?
                        """),
                Arguments.of("d = {'a': 1}\nprint(d['b'])\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 2, in <module>
                            print(d['b'])
                                  ~^^^^^
                        KeyError: 'b'
                        """),
                Arguments.of("def f(a, b):\n    pass\nf(1)\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 3, in <module>
                            f(1)
                        TypeError: f() missing 1 required positional argument: 'b'
                        """),
                Arguments.of("x = 10\ndef show():\n    print(x)\n    x = 5\nshow()\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 5, in <module>
                            show()
                          File "/app/x.py", line 3, in show
                            print(x)
                                  ^
                        UnboundLocalError: cannot access local variable 'x' where it is not associated with a value
                        """),
                Arguments.of("x = 'a' + 1\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 1, in <module>
                            x = 'a' + 1
                                ~~~~^~~
                        TypeError: can only concatenate str (not "int") to str
                        """),
                Arguments.of("def f(n):\n    return f(n + 1)\nf(0)\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 3, in <module>
                            f(0)
                          File "/app/x.py", line 2, in f
                            return f(n + 1)
                                   ^^^^^^^^
                          File "/app/x.py", line 2, in f
                            return f(n + 1)
                                   ^^^^^^^^
                          File "/app/x.py", line 2, in f
                            return f(n + 1)
                                   ^^^^^^^^
                          [Previous line repeated 996 more times]
                        RecursionError: maximum recursion depth exceeded
                        """),
                Arguments.of("def g():\n    raise ValueError('bad value')\ntry:\n    g()\nexcept ValueError:\n    raise RuntimeError('wrapped')\n",
                        1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 4, in <module>
                            g()
                          File "/app/x.py", line 2, in g
                            raise ValueError('bad value')
                        ValueError: bad value

                        During handling of the above exception, another exception occurred:

                        Traceback (most recent call last):
                          File "/app/x.py", line 6, in <module>
                            raise RuntimeError('wrapped')
                        RuntimeError: wrapped
                        """),
                Arguments.of("class MyErr(Exception):\n    pass\nraise MyErr('boom')\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 3, in <module>
                            raise MyErr('boom')
                        MyErr: boom
                        """),
                Arguments.of("import sys\nsys.exit('fatal: no config')\n", 1, "fatal: no config\n"),
                Arguments.of("print(2 ** 10 ** 7)\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 1, in <module>
                            print(2 ** 10 ** 7)
                                  ~~^^~~~~~~~~
                        MemoryError: glassbox's python keeps ints below 2**1048576 (about 315000 digits)
                        """),
                Arguments.of("print(10 ** 5000)\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 1, in <module>
                            print(10 ** 5000)
                        ValueError: Exceeds the limit (4300 digits) for integer string conversion; \
                        use sys.set_int_max_str_digits() to increase the limit
                        """),
                Arguments.of("print(\"hi\"\n", 1, """
                          File "/app/x.py", line 1
                            print("hi"
                                 ^
                        SyntaxError: '(' was never closed
                        """),
                Arguments.of("print \"hi\"\n", 1, """
                          File "/app/x.py", line 1
                            print "hi"
                            ^^^^^^^^^^
                        SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
                        """),
                Arguments.of("def f():\nprint(1)\n", 1, """
                          File "/app/x.py", line 2
                            print(1)
                            ^
                        IndentationError: expected an indented block after function definition on line 1
                        """),
                Arguments.of("import requests\n", 1, """
                        Traceback (most recent call last):
                          File "/app/x.py", line 1, in <module>
                            import requests
                        ModuleNotFoundError: No module named 'requests'
                        """));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailingScriptPrintsCPythonsTraceback(String code, int status, String stderr) {
        try (SimBox w = new SimBox()) {
            w.binary("/usr/local/bin/python3", "python3");
            w.file("/app/x.py", code);
            SimBox.Result r = w.run("", "python3", "/app/x.py");
            assertEquals(stderr, r.err());
            assertEquals(status, r.status());
        }
    }

    @ParameterizedTest
    @MethodSource("failures")
    void dashCShowsNoSourceLinesButTheSameError(String code, int status, String stderr) {
        try (SimBox w = new SimBox()) {
            w.binary("/usr/local/bin/python3", "python3");
            SimBox.Result r = w.run("", "python3", "-c", code);
            String last = stderr.strip().lines().reduce((a, b) -> b).orElseThrow();
            assertEquals(last, r.err().strip().lines().reduce((a, b) -> b).orElseThrow());
            assertEquals(status, r.status());
            if (stderr.startsWith("Traceback")) {
                assertEquals(false, r.err().contains("    " + code.lines().findFirst().orElseThrow()), r.err());
            }
        }
    }
}
