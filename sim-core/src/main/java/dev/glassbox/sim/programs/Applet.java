package dev.glassbox.sim.programs;

/** One busybox applet (or a standalone tool of the same name). */
@FunctionalInterface
public interface Applet {
    int run(Tool t);
}
