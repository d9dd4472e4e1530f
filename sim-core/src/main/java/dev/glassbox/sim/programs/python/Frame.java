package dev.glassbox.sim.programs.python;

/** One running piece of code: the module, or a call of a function. {@code node} is what it is doing now, for tracebacks. */
final class Frame {
    final Source src;
    final String name;
    Scope scope;
    /** The prefix of qualified names made here: "" at module level, "C." in a class body, "f.&lt;locals&gt;." in a function. */
    String qualPrefix;
    final PyFunction fn;
    final Object self;
    Object node;

    Frame(Source src, String name, Scope scope, String qualPrefix, PyFunction fn, Object self) {
        this.src = src;
        this.name = name;
        this.scope = scope;
        this.qualPrefix = qualPrefix;
        this.fn = fn;
        this.self = self;
    }
}
