package dev.glassbox.sim.programs.python;

import java.util.List;
import java.util.Map;

/** A function fetched through an instance: calling it passes the instance as the first argument. */
record BoundMethod(Object self, PyFunction fn) implements PyCallable {
    @Override
    public Object call(Interp in, List<Object> args, Map<String, Object> kwargs) {
        return fn.call(in, PyClass.prepend(self, args), kwargs);
    }
}
