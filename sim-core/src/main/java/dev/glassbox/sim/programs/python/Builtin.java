package dev.glassbox.sim.programs.python;

import java.util.List;
import java.util.Map;

/** A function written in Java: a builtin, a module's function, or a method of a builtin type bound to its object. */
final class Builtin implements PyCallable {
    interface Body {
        Object call(Interp in, List<Object> args, Map<String, Object> kwargs);
    }

    interface Simple {
        Object call(Interp in, List<Object> args);
    }

    final String name;
    /** The object a method is bound to, for its repr; null for a plain function. */
    final Object self;
    private final Body body;

    Builtin(String name, Object self, Body body) {
        this.name = name;
        this.self = self;
        this.body = body;
    }

    /** A builtin that takes no keyword arguments and checks how many positional ones it gets. */
    static Builtin of(String name, int min, int max, Simple body) {
        return new Builtin(name, null, (in, args, kw) -> {
            Args.noKeywords(name, kw);
            Args.count(name, args, min, max);
            return body.call(in, args);
        });
    }

    static Builtin method(String name, Object self, int min, int max, Simple body) {
        return new Builtin(name, self, (in, args, kw) -> {
            Args.noKeywords(name, kw);
            Args.count(name, args, min, max);
            return body.call(in, args);
        });
    }

    @Override
    public Object call(Interp in, List<Object> args, Map<String, Object> kwargs) {
        return body.call(in, args, kwargs);
    }
}
