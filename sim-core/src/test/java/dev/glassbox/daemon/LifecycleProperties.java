package dev.glassbox.daemon;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.api.HostConfig;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of create/start/stop/rm/run against the engine and against a small reference
 * model of container states: after every step they agree, and every refusal is the one Docker gives.
 */
class LifecycleProperties {
    private static final List<String> NAMES = List.of("web", "db", "cache");

    /** The engine under test and the model of what its containers' states must be. */
    static final class World {
        final SimKernel kernel = new SimKernel(3, Programs::lookup);
        final Api api;
        final Map<String, String> model = new TreeMap<>();

        World() {
            Tracer t = new Tracer(kernel::currentTimeMillis);
            kernel.trace(t);
            api = new Daemon(kernel, t, SimHub.standard());
            api.pull("busybox", Progress.NONE);
        }

        ErrorKind attempt(Runnable r) {
            try {
                r.run();
                return null;
            } catch (DockerException e) {
                return e.kind();
            }
        }

        void create(String name) {
            ErrorKind k = attempt(() -> api.create(name, new ContainerConfig("busybox", List.of("sleep", "1000"), null, null, null, null,
                    null, null, null, false, false, null, null), HostConfig.defaults()));
            expect(model.containsKey(name) ? ErrorKind.CONFLICT : null, k, "create " + name);
            model.putIfAbsent(name, "created");
        }

        void start(String name) {
            ErrorKind k = attempt(() -> api.start(name));
            String s = model.get(name);
            expect(s == null ? ErrorKind.NOT_FOUND : s.equals("running") ? ErrorKind.NOT_MODIFIED : null, k, "start " + name);
            if (s != null) {
                model.put(name, "running");
            }
        }

        void stop(String name) {
            ErrorKind k = attempt(() -> api.stop(name, 1, null));
            String s = model.get(name);
            expect(s == null ? ErrorKind.NOT_FOUND : !s.equals("running") ? ErrorKind.NOT_MODIFIED : null, k, "stop " + name);
            if ("running".equals(s)) {
                model.put(name, "exited");
            }
        }

        void remove(String name) {
            ErrorKind k = attempt(() -> api.remove(name, false, false));
            String s = model.get(name);
            expect(s == null ? ErrorKind.NOT_FOUND : s.equals("running") ? ErrorKind.CONFLICT : null, k, "rm " + name);
            if (s != null && !s.equals("running")) {
                model.remove(name);
            }
        }

        void run(String name) {
            create(name);
            if (model.get(name).equals("created")) {
                start(name);
            }
        }

        private static void expect(ErrorKind expected, ErrorKind actual, String what) {
            if (expected != actual) {
                throw new AssertionError(what + ": expected " + (expected == null ? "success" : expected) + " but got "
                        + (actual == null ? "success" : actual));
            }
        }

        void agree() {
            Map<String, String> actual = new TreeMap<>();
            for (Api.ContainerSummary c : api.containers(true)) {
                actual.put(c.names().get(0).substring(1), c.state());
            }
            if (!actual.equals(model)) {
                throw new AssertionError("engine has " + actual + " but the model says " + model);
            }
        }
    }

    private static Action<World> action(String verb, java.util.function.BiConsumer<World, String> step) {
        return (Action.Independent<World>) () -> Arbitraries.of(NAMES).map(n -> Transformer.mutate(verb + " " + n, w -> step.accept(w, n)));
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(3, action("create", World::create))
                .withAction(3, action("start", World::start))
                .withAction(2, action("stop", World::stop))
                .withAction(2, action("rm", World::remove))
                .withAction(2, action("run", World::run))
                .withMaxTransformations(25);
    }

    @Property(tries = 40)
    void engineFollowsTheContainerStateMachine(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant("engine and model agree", World::agree).run();
    }
}
