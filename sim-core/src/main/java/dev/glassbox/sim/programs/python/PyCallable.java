package dev.glassbox.sim.programs.python;

import java.util.List;
import java.util.Map;

/** Anything Python can call: functions, builtins, bound methods, classes. */
interface PyCallable {
    Object call(Interp in, List<Object> args, Map<String, Object> kwargs);
}
