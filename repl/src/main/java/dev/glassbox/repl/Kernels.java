package dev.glassbox.repl;

import dev.glassbox.Engine;
import dev.glassbox.daemon.DaemonOptions;
import dev.glassbox.linux.LinuxEngine;
import dev.glassbox.linux.LinuxKernel;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The engine the REPL talks to, and the kernel under it: the sim kernel by default, or the host's
 * Linux kernel ({@code --kernel linux}, or {@code kernel linux} at the prompt). Switching starts a
 * fresh engine on the other kernel and closes the old one, which takes its containers apart.
 */
final class Kernels implements Supplier<Engine>, AutoCloseable {
    static final String SIM = "sim";
    static final String LINUX = "linux";

    private final Path stateRoot;
    /** How the daemon on either kernel is started ({@code --userns-remap}). */
    private final DaemonOptions daemon;
    /** The client's files on every engine this gives (the user's working directory); null: each engine's own, in memory. */
    private final dev.glassbox.client.Workspace workspace;
    private LazyEngine current;
    private String name;

    Kernels(String name, Path stateRoot) {
        this(name, stateRoot, DaemonOptions.DEFAULT);
    }

    Kernels(String name, Path stateRoot, DaemonOptions daemon) {
        this(name, stateRoot, daemon, null);
    }

    Kernels(String name, Path stateRoot, DaemonOptions daemon, dev.glassbox.client.Workspace workspace) {
        this.stateRoot = stateRoot;
        this.daemon = daemon;
        this.workspace = workspace;
        this.name = name;
        this.current = new LazyEngine(factory(name));
    }

    private Supplier<Engine> factory(String kernel) {
        Supplier<Engine> make = kernel.equals(LINUX) ? () -> LinuxEngine.open(LinuxKernel.Options.at(stateRoot), true, daemon) : () -> dev.glassbox.world.World.sim(daemon).engine(); // the sim: a world of hosts, one until 'node add'
        return () -> {
            Engine e = make.get();
            if (workspace != null) {
                e.workspace(workspace);
            }
            return e;
        };
    }

    String name() {
        return name;
    }

    void start() {
        current.start();
    }

    /**
     * Builds the engine now; on a host that cannot run it, the reasons, one line each, and null
     * otherwise. The previous engine is kept when the new one cannot start.
     */
    String use(String kernel) {
        if (!kernel.equals(SIM) && !kernel.equals(LINUX)) {
            return "glassbox: unknown kernel '" + kernel + "' (sim or linux)";
        }
        if (kernel.equals(name) && current != null) {
            return null;
        }
        LazyEngine next = new LazyEngine(factory(kernel));
        try {
            next.get();
        } catch (LinuxKernel.Unavailable e) {
            return e.getMessage() + "\nglassbox: the " + name + " kernel keeps running";
        } catch (RuntimeException e) {
            return "glassbox: cannot start the " + kernel + " kernel: " + e.getMessage() + "\nglassbox: the " + name + " kernel keeps running";
        }
        LazyEngine old = current;
        current = next;
        name = kernel;
        if (old != null) {
            old.close();
        }
        return null;
    }

    /**
     * A fresh engine on the current kernel, which becomes the one the REPL talks to: what a lab's start
     * state is built on. The sim kernel gets a new engine (the old one is closed); the Linux kernel keeps
     * its daemon, which removes every container, volume and user network it has (its images stay), as a
     * new sim engine has none.
     */
    Engine fresh() {
        if (name.equals(LINUX)) {
            Engine e = current.get();
            LabReset.clear(e.api());
            return e;
        }
        LazyEngine old = current;
        current = new LazyEngine(factory(name));
        old.close();
        return current.get();
    }

    @Override
    public Engine get() {
        return current.get();
    }

    @Override
    public void close() {
        current.close();
    }
}
