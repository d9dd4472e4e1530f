package dev.glassbox.daemon;

import static dev.glassbox.daemon.BuildTest.files;
import static dev.glassbox.daemon.BuildTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.registry.Registries;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import org.junit.jupiter.api.Test;

/**
 * A built image leaves the daemon and comes back the same: save → rmi → load → run, and push to a
 * registry → rmi → pull → run; its VOLUME, HEALTHCHECK and SHELL survive the config's JSON.
 */
class BuildRoundTripTest {
    private static final String DOCKERFILE = "FROM busybox\nSHELL [\"/bin/sh\", \"-c\"]\nCOPY greeting.txt /srv/\n"
            + "VOLUME /data\nHEALTHCHECK --interval=5s CMD test -f /srv/greeting.txt\nEXPOSE 8080\nUSER 1000\n"
            + "CMD [\"cat\", \"/srv/greeting.txt\"]\n";
    private static final String CONFIG_AFTER = "{\"/data\":{}} {\"Test\":[\"CMD-SHELL\",\"test -f /srv/greeting.txt\"],\"Interval\":5000000000}"
            + " {\"8080/tcp\":{}} 1000\n";
    private static final String CONFIG = "{{json .Config.Volumes}} {{json .Config.Healthcheck}} {{json .Config.ExposedPorts}} {{.Config.User}}";

    @Test
    void aBuiltImageIsSavedLoadedAndRunsTheSame() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", DOCKERFILE).put("/home/student/app/greeting.txt", "made by a Dockerfile\n");
            ok(e, "docker build -t rt:1 app");
            String id = ok(e, "docker images -q --no-trunc rt:1").out();
            String config = ok(e, "docker inspect -f '" + CONFIG + "' rt:1").out();
            assertEquals("{\"/data\":{}} {\"Test\":[\"CMD-SHELL\",\"test -f /srv/greeting.txt\"],\"Interval\":5000000000} {\"8080/tcp\":{}} 1000\n",
                    config);
            ok(e, "docker save -o rt.tar rt:1");
            ok(e, "docker rmi rt:1");
            assertEquals("Loaded image: rt:1\n", ok(e, "docker load -i rt.tar").out());
            assertEquals(id, ok(e, "docker images -q --no-trunc rt:1").out(), "the same config bytes give the same id");
            assertEquals(config, ok(e, "docker inspect -f '" + CONFIG + "' rt:1").out());
            assertEquals("made by a Dockerfile\n", ok(e, "docker run --rm rt:1").out());
        }
    }

    @Test
    void aBuiltImageIsPushedPulledBackAndRuns() {
        PushTest.Memory mem = new PushTest.Memory();
        try (Engine e = Engine.on(new SimKernel(Engine.DEFAULT_SEED, Programs::lookup), new Registries(SimHub.standard(), d -> mem))) {
            files(e).put("/home/student/app/Dockerfile", DOCKERFILE).put("/home/student/app/greeting.txt", "pushed and pulled\n");
            ok(e, "docker build -t localhost:5000/rt:1 app");
            String id = ok(e, "docker images -q --no-trunc localhost:5000/rt:1").out();
            Result push = ok(e, "docker push localhost:5000/rt:1");
            assertTrue(push.out().contains("Pushed\n"), push.out());
            ok(e, "docker rmi localhost:5000/rt:1");
            Result pull = ok(e, "docker pull localhost:5000/rt:1");
            assertTrue(pull.out().contains("Status: Downloaded newer image for localhost:5000/rt:1\n"), pull.out());
            assertEquals(id, ok(e, "docker images -q --no-trunc localhost:5000/rt:1").out());
            assertEquals("pushed and pulled\n", ok(e, "docker run --rm localhost:5000/rt:1").out());
        }
    }

    @Test
    void aBuiltImageGoesThroughTheRegistryContainerAndRuns() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 5000:5000 --name registry registry:2");
            files(e).put("/home/student/app/Dockerfile", DOCKERFILE).put("/home/student/app/greeting.txt", "through registry:2\n");
            ok(e, "docker build -t localhost:5000/rt:1 app");
            String id = ok(e, "docker images -q --no-trunc localhost:5000/rt:1").out();
            Result push = ok(e, "docker push localhost:5000/rt:1");
            assertEquals(2, push.out().split(": Pushed\n", -1).length - 1, "busybox's layer and the COPY layer: " + push.out());
            ok(e, "docker rmi localhost:5000/rt:1 busybox");
            Result pull = ok(e, "docker pull localhost:5000/rt:1");
            assertTrue(pull.out().contains(": Pull complete\n") && pull.out().contains("Status: Downloaded newer image for localhost:5000/rt:1\n"),
                    pull.out());
            assertEquals(id, ok(e, "docker images -q --no-trunc localhost:5000/rt:1").out());
            assertEquals(CONFIG_AFTER, ok(e, "docker inspect -f '" + CONFIG + "' localhost:5000/rt:1").out());
            assertEquals("through registry:2\n", ok(e, "docker run --rm localhost:5000/rt:1").out());
        }
    }
}
