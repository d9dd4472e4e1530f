package dev.glassbox.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

class RegistryContainerPushTest {
    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void scratch() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 5000:5000 --name registry registry:2");
            ok(e, "docker pull alpine");
            ok(e, "docker tag alpine localhost:5000/my-alpine");
            Result push = e.run("docker push localhost:5000/my-alpine");
            System.out.println(push.text());
            System.out.println(e.run("docker push localhost:5000/my-alpine").text());
            System.out.println(e.run("docker image rm localhost:5000/my-alpine").text());
            System.out.println(e.run("docker pull localhost:5000/my-alpine").text());
            System.out.println(e.run("docker run --rm localhost:5000/my-alpine echo hi").text());
            System.out.println(e.run("docker logs registry").text());
        }
    }
}
