package dev.glassbox.sim.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.sim.SimBox;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** python3 runs programs as CPython 3.12 does: each program here and the exact output CPython gives for it. */
class PythonTest {
    private final SimBox w = new SimBox();

    PythonTest() {
        w.binary("/usr/local/bin/python3", "python3");
    }

    @AfterEach
    void close() {
        w.close();
    }

    private SimBox.Result script(String code) {
        w.file("/app/x.py", code);
        return w.run("", "python3", "/app/x.py");
    }

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("print(1+1)", "2\n"),
                Arguments.of("""
                        s = "  Hello, World  "
                        print(s.strip().upper(), s.lower(), s.split(","), "-".join(["a", "b"]), s.replace("l", "L", 2))
                        print("abc".startswith("a"), "abc".endswith(("x", "c")), "a b  c".split(), "x=1".partition("="))
                        print("%s=%d (%.2f%%)" % ("k", 3, 12.345), "{} and {name}".format("x", name="n"))
                        print(f"{'left':<8}|{'mid':^7}|{3:03d}|{1234567:,}|{0.5:.1%}|{255:x}|{-3.5:+.1f}|{2 * 21=}")
                        print(repr("it's"), repr('say "hi"'), repr("tab\\there"), str(None), str(True))
                        """, """
                        HELLO, WORLD   hello, world   ['  Hello', ' World  '] a-b   HeLLo, World \s
                        True True ['a', 'b', 'c'] ('x', '=', '1')
                        k=3 (12.35%) x and n
                        left    |  mid  |003|1,234,567|50.0%|ff|-3.5|2 * 21=42
                        "it's" 'say "hi"' 'tab\\there' None True
                        """),
                Arguments.of("""
                        nums = [5, 3, 8, 1]
                        nums.sort(); print(nums); nums.sort(reverse=True); print(nums)
                        print(sorted(["b", "A", "c"], key=str.lower), sorted({3: 1, 1: 2}), list(reversed([1, 2, 3])))
                        print(list(enumerate("ab", 1)), list(zip([1, 2], "xy")), min(3, 1, 2), max([1, 5, 2]), sum(range(101)))
                        print(abs(-3), abs(-2.5), round(2.5), round(3.5), round(2.675, 2), round(1234, -2), int("42"), float("1.5"))
                        print([x * x for x in range(10) if x % 2 == 0], {x: x ** 2 for x in range(3)}, {3, 1, 2})
                        print(list(map(lambda x: x + 1, [1, 2])), list(filter(None, [0, 1, "", "a"])), any([0, 1]), all([]))
                        print(isinstance(True, int), isinstance(1, (str, float)), type(1), type([]) is list, type(3.0).__name__)
                        """, """
                        [1, 3, 5, 8]
                        [8, 5, 3, 1]
                        ['A', 'b', 'c'] [1, 3] [3, 2, 1]
                        [(1, 'a'), (2, 'b')] [(1, 'x'), (2, 'y')] 1 5 5050
                        3 2.5 2 4 2.67 1200 42 1.5
                        [0, 4, 16, 36, 64] {0: 0, 1: 1, 2: 4} {1, 2, 3}
                        [2, 3] [1, 'a'] True True
                        True False <class 'int'> True float
                        """),
                Arguments.of("""
                        a, *rest = [1, 2, 3, 4]
                        x, y = 1, 2
                        x, y = y, x
                        print(a, rest, x, y)
                        t = (1, 2, 3)
                        print(t[::-1], t[1:], "hello"[1:4], "hello"[::-2], [1, 2, 3, 4, 5][-3:-1])
                        d = {}
                        d.setdefault("k", []).append(1)
                        print(d, d.get("z", 0), "k" in d, d.pop("k"), d, {"a": 1}.keys())
                        print(set([1, 2, 3]) & {2, 3, 4}, {1, 2} | {3}, {1, 2, 3} - {2}, set())
                        print(1 < 2 < 3, 1 < 2 > 3, 1 == 1.0, "a" < "b", [1, 2] < [1, 3], None is None, 2 in [1, 2])
                        print(-7 // 2, -7 % 2, 7 % -2, -2 ** 2, (-2) ** 2, 2 ** 0.5, 10 // 3.0, -7.5 % 2, divmod(-7, 2))
                        print(True + True, 3 * "ab", [0] * 3, 1_000_000, 0xff, 1e3, 7 / 7, 2 ** 100, 1e20, 1e-5, 0.1 + 0.2)
                        """, """
                        1 [2, 3, 4] 2 1
                        (3, 2, 1) (2, 3) ell olh [3, 4]
                        {} 0 True [1] {} dict_keys(['a'])
                        {2, 3} {1, 2, 3} {1, 3} set()
                        True False True True True True True
                        -4 1 -1 -4 4 1.4142135623730951 3.0 0.5 (-4, 1)
                        2 ababab [0, 0, 0] 1000000 255 1000.0 1.0 1267650600228229401496703205376 1e+20 1e-05 0.30000000000000004
                        """),
                Arguments.of("""
                        def greet(name, greeting="Hello", *args, **kwargs):
                            return f"{greeting}, {name}! {args} {kwargs}"
                        print(greet("Ann"))
                        print(greet("Bob", "Hi", 1, 2, x=3))
                        def counter():
                            n = 0
                            def inc():
                                nonlocal n
                                n += 1
                                return n
                            return inc
                        c = counter(); c(); print(c())
                        total = 0
                        def add(v):
                            global total
                            total += v
                        add(5); add(6); print(total)
                        """, """
                        Hello, Ann! () {}
                        Hi, Bob! (1, 2) {'x': 3}
                        2
                        11
                        """),
                Arguments.of("""
                        class Animal:
                            sound = "..."
                            def __init__(self, name):
                                self.name = name
                            def speak(self):
                                return f"{self.name} says {self.sound}"
                            def __str__(self):
                                return f"Animal({self.name})"
                        class Dog(Animal):
                            sound = "woof"
                            def speak(self):
                                return super().speak() + "!"
                        d = Dog("Rex")
                        print(d.speak(), str(d), isinstance(d, Animal), Dog.sound, d)
                        class P:
                            def __init__(self, x): self._x = x
                            @property
                            def x(self): return self._x * 2
                            @staticmethod
                            def s(a): return a + 1
                            @classmethod
                            def c(cls): return cls.__name__
                            def __eq__(self, o): return self._x == o._x
                            def __len__(self): return 7
                        print(P(2).x, P.s(1), P.c(), P(1) == P(1), len(P(0)))
                        """, """
                        Rex says woof! Animal(Rex) True woof Animal(Rex)
                        4 2 P True 7
                        """),
                Arguments.of("""
                        try:
                            int("abc")
                        except ValueError as e:
                            print("caught:", e)
                        try:
                            {}["k"]
                        except KeyError as e:
                            print("key", e, repr(e))
                        finally:
                            print("finally")
                        class MyErr(Exception):
                            pass
                        try:
                            raise MyErr("custom")
                        except Exception as e:
                            print(type(e).__name__, e, e.args)
                        def f():
                            try:
                                return 1
                            finally:
                                print("cleanup")
                        print(f())
                        for i in range(5):
                            if i == 1: continue
                            if i == 3: break
                            print(i)
                        else:
                            print("no")
                        """, """
                        caught: invalid literal for int() with base 10: 'abc'
                        key 'k' KeyError('k')
                        finally
                        MyErr custom ('custom',)
                        cleanup
                        1
                        0
                        2
                        """),
                Arguments.of("""
                        with open("/tmp/t.txt", "w") as f:
                            f.write("line1\\nline2\\n")
                        with open("/tmp/t.txt") as f:
                            print(f.read().splitlines())
                        for line in open("/tmp/t.txt"):
                            print(line.rstrip())
                        with open("/tmp/t.txt", "a") as f:
                            print("x", file=f)
                        print(open("/tmp/t.txt").readlines())
                        try:
                            open("/nope.txt")
                        except FileNotFoundError as e:
                            print(e)
                        print("a", "b", sep="-", end="!\\n")
                        """, """
                        ['line1', 'line2']
                        line1
                        line2
                        ['line1\\n', 'line2\\n', 'x\\n']
                        [Errno 2] No such file or directory: '/nope.txt'
                        a-b!
                        """),
                Arguments.of("""
                        import json
                        data = {"name": "x", "n": [1, 2], "ok": False, "f": 1.5}
                        print(json.dumps(data))
                        print(json.dumps(data, indent=2, sort_keys=True))
                        print(json.loads('[1, 2.5, "s", null, true, {"a": {}}]'))
                        """, """
                        {"name": "x", "n": [1, 2], "ok": false, "f": 1.5}
                        {
                          "f": 1.5,
                          "n": [
                            1,
                            2
                          ],
                          "name": "x",
                          "ok": false
                        }
                        [1, 2.5, 's', None, True, {'a': {}}]
                        """),
                Arguments.of("""
                        def log(fn):
                            def wrapper(*args, **kwargs):
                                print("calling", fn.__name__, args, kwargs)
                                return fn(*args, **kwargs)
                            return wrapper
                        @log
                        def add(a, b=0):
                            return a + b
                        print(add(1, b=2))
                        """, """
                        calling add (1,) {'b': 2}
                        3
                        """),
                Arguments.of("""
                        pairs = [(1, "a"), (2, "b")]
                        for i, (n, s) in enumerate(pairs, start=1):
                            print(i, n, s)
                        lst = [3, 1, 2]
                        lst.insert(0, 9); lst.append(7); print(lst, lst.pop(0), lst.pop(), lst.index(2), lst.count(1))
                        lst.remove(1); del lst[0]; print(lst)
                        lst[1:] = [8, 8, 8]; print(lst, lst[::2])
                        print(*lst, sep=", ")
                        print(sum(x * x for x in range(4)), any(c.isdigit() for c in "ab1"), "".join(reversed("abc")))
                        print(pow(2, 100, 7), bin(10), hex(255), oct(8), int("ff", 16), int("101", 2), 2 ** 64, -(2 ** 64) // 3)
                        print("%5.1f|%-5s|%05d|%x" % (3.14159, "ab", 42, 255), "=" * 10, "ab".center(6, "*"), "7".zfill(3))
                        print("Hello World".count("o"), "hello".find("l"), "hello".title(), "a,b,,c".split(","), " x ".strip() or "empty")
                        """, """
                        1 1 a
                        2 2 b
                        [3, 1, 2] 9 7 2 1
                        [2]
                        [2, 8, 8, 8] [2, 8]
                        2, 8, 8, 8
                        14 True cba
                        2 0b1010 0xff 0o10 255 5 18446744073709551616 -6148914691236517206
                          3.1|ab   |00042|ff ========== **ab** 007
                        2 2 Hello ['a', 'b', '', 'c'] x
                        """),
                Arguments.of("""
                        import math
                        print(math.sqrt(16), math.pi, math.floor(2.7), math.ceil(2.1), math.factorial(20), math.gcd(12, 18))
                        print(round(3.14159, 2), round(-2.5), 1 / 3, 2 / 3, 100 / 7, 1e16, 1.5e-7, 123456789.123, float("inf"), -0.0)
                        print(10 / 2, 3 * 1.1, 0.1 * 3, 1.1 + 2.2, 2.675 * 100, 1e100, 12345678901234567890.0)
                        print(int(1e6), str(1e6), 7 // 2.0, 2 ** -2, abs(-0.5), max(1, 2.5), min([3.0, 2]), 5 % 3.0, (-5) % 3.0)
                        """, """
                        4.0 3.141592653589793 2 3 2432902008176640000 6
                        3.14 -2 0.3333333333333333 0.6666666666666666 14.285714285714286 1e+16 1.5e-07 123456789.123 inf -0.0
                        5.0 3.3000000000000003 0.30000000000000004 3.3000000000000003 267.5 1e+100 1.2345678901234567e+19
                        1000000 1000000.0 3.0 0.25 0.5 2.5 2 2.0 1.0
                        """),
                Arguments.of("""
                        class Node:
                            def __init__(self, val, nxt=None):
                                self.val, self.next = val, nxt
                        class Stack:
                            def __init__(self):
                                self._items = []
                            def push(self, x): self._items.append(x)
                            def pop(self):
                                if not self._items:
                                    raise IndexError("pop from empty stack")
                                return self._items.pop()
                            def __len__(self): return len(self._items)
                            def __repr__(self): return f"Stack({self._items})"
                            def __iter__(self): return iter(self._items)
                            def __contains__(self, x): return x in self._items
                        st = Stack(); st.push(1); st.push(2)
                        print(st, len(st), list(st), 2 in st, st.pop(), bool(Stack()))
                        try:
                            Stack().pop()
                        except IndexError as e:
                            print("error:", e)
                        class Shape:
                            def area(self): raise NotImplementedError
                        class Sq(Shape):
                            def __init__(self, s): self.s = s
                            def area(self): return self.s ** 2
                            def __lt__(self, o): return self.area() < o.area()
                        print(sorted([Sq(3), Sq(1)], key=lambda x: x.area())[0].s, min(Sq(2), Sq(5)).s, isinstance(Sq(1), Shape), issubclass(Sq, Shape))
                        """, """
                        Stack([1]) 2 [1, 2] True 2 False
                        error: pop from empty stack
                        1 2 True True
                        """),
                Arguments.of("""
                        import json
                        s = json.dumps({"users": [{"name": "a", "age": 3}], "ok": True}, indent=4)
                        print(s)
                        obj = json.loads(s)
                        print(obj["users"][0]["name"], type(obj), json.dumps("héllo"), json.dumps([1, "two", None]))
                        try:
                            json.loads("{bad}")
                        except json.JSONDecodeError as e:
                            print("bad json:", e)
                        """, """
                        {
                            "users": [
                                {
                                    "name": "a",
                                    "age": 3
                                }
                            ],
                            "ok": true
                        }
                        a <class 'dict'> "h\\u00e9llo" [1, "two", null]
                        bad json: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)
                        """),
                Arguments.of("""
                        def fib(n):
                            a, b = 0, 1
                            out = []
                            while len(out) < n:
                                out.append(a)
                                a, b = b, a + b
                            return out
                        print(fib(10), fib(100)[-1])
                        def apply(f, *xs): return [f(x) for x in xs]
                        print(apply(lambda v: v * 2, 1, 2, 3), (lambda: 42)(), (lambda *a, **k: (a, k))(1, z=2))
                        def kw(a, *, b=2, c): return a + b + c
                        print(kw(1, c=3), kw(1, b=5, c=1))
                        """, """
                        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34] 218922995834555169026
                        [2, 4, 6] 42 ((1,), {'z': 2})
                        6 7
                        """));
    }

    @ParameterizedTest
    @MethodSource("programs")
    void programPrintsWhatCPythonPrints(String code, String expected) {
        SimBox.Result r = script(code);
        assertEquals("", r.err());
        assertEquals(expected, r.out());
        assertEquals(0, r.status());
    }

    @Test
    void theFilesAProgramWritesAreInTheContainersFilesystem() {
        script("open('/tmp/out.txt', 'w').write('written by python\\n')");
        assertEquals("written by python\n", w.read("/tmp/out.txt"));
    }

    @Test
    void argvEnvironmentAndExitStatus() {
        w.file("/app/x.py", "import sys, os\nprint(sys.argv[1:], os.getenv('HOME'), os.environ.get('NOPE', '-'))\nsys.exit(3)\n");
        SimBox.Result r = w.run("", "python3", "/app/x.py", "a", "b c");
        assertEquals("['a', 'b c'] /root -\n", r.out());
        assertEquals(3, r.status());
    }

    @Test
    void dashCAndVersion() {
        SimBox.Result c = w.run("", "python3", "-c", "import sys; print(sys.argv)", "x");
        assertEquals("['-c', 'x']\n", c.out());
        assertEquals("Python 3.12.7\n", w.run("", "python3", "--version").out());
    }

    @Test
    void aScriptOnStandardInputAndInput() {
        SimBox.Result r = w.run("Ann\n", "python3", "-c", "name = input('Name? ')\nprint('Hi', name)\ninput()");
        assertEquals("Name? Hi Ann\n", r.out());
        assertEquals("""
                Traceback (most recent call last):
                  File "<string>", line 3, in <module>
                EOFError: EOF when reading a line
                """, r.err());
        SimBox.Result piped = w.run("print(6 * 7)\n", "python3");
        assertEquals("42\n", piped.out());
    }

    @Test
    void aMissingScriptIsRefusedAsCPythonRefusesIt() {
        SimBox.Result r = w.run("", "python3", "nope.py");
        assertEquals("python3: can't open file '/nope.py': [Errno 2] No such file or directory\n", r.err());
        assertEquals(2, r.status());
    }
}
