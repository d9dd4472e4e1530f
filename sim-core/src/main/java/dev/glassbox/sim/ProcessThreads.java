package dev.glassbox.sim;

import java.util.concurrent.ThreadFactory;

/**
 * What carries the sim kernel's processes. Each process has a thread of its own, so that a program blocks in ordinary
 * code (sleep, waitpid, accept), and only the one holding the scheduler's baton runs: a process that blocks hands the
 * baton to the next. What a hand-over costs is what the thread is.
 */
public enum ProcessThreads {
    /**
     * Java 21's virtual threads: a process that blocks gives its processor thread to the next without a call to the
     * operating system. A round trip of the baton between two of them took 2.5 µs on this project's machine, between two
     * threads of the system 26 µs; an nginx container's run, stop and rm hand it over fifteen times.
     */
    VIRTUAL,
    /** Threads of the operating system, kept for the next process once one ends (see Carriers): all that Java 17 has. */
    SYSTEM;

    /** Makes virtual threads, or null where this JVM has none (Java 17 to 20). Looked up by name: the code is built for Java 17. */
    private static final ThreadFactory VIRTUAL_FACTORY = virtualFactory();

    private static ThreadFactory virtualFactory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> type = Class.forName("java.lang.Thread$Builder");
            builder = type.getMethod("name", String.class).invoke(builder, "glassbox-sim-process");
            return (ThreadFactory) type.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether this JVM can carry processes so. */
    public boolean available() {
        return this == SYSTEM || VIRTUAL_FACTORY != null;
    }

    /**
     * What a kernel uses unless told: virtual threads where the JVM has them. {@code -Dglassbox.sim.processThreads=system}
     * chooses the threads of the system.
     */
    public static ProcessThreads standard() {
        String chosen = System.getProperty("glassbox.sim.processThreads", "");
        if (chosen.equalsIgnoreCase("system") || !VIRTUAL.available()) {
            return SYSTEM;
        }
        return VIRTUAL;
    }

    /** A new virtual thread running {@code body}, not yet started. */
    static Thread virtualThread(Runnable body) {
        return VIRTUAL_FACTORY.newThread(body);
    }
}
