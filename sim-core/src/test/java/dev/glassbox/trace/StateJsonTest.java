package dev.glassbox.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

class StateJsonTest {
    @Test
    void everyPartOfARichStateIsTheJsonJacksonWouldMakeInTheSameOrder() {
        try (Engine e = Engine.sim(Engine.DEFAULT_SEED, true)) {
            for (String line : new String[] {"docker network create net1", "docker volume create data",
                    "docker run -d --name web -p 8080:80 --memory 64m --pids-limit 50 nginx",
                    "docker run -d --name db --network net1 -v data:/data -v /srv:/srv:ro --tmpfs /run redis",
                    "docker run --name once busybox echo hi", "docker pause db", "docker tag nginx mine:1"}) {
                Result r = e.run(line);
                assertTrue(r.ok(), line + ": " + r.text());
            }
            int values = 0;
            for (StateModel.Slot s : e.stateSlots("")) {
                Object v = s.read().get();
                assertEquals(StateModel.JSON.valueToTree(v).toString(), StateJson.tree(v).toString(), s.path());
                values++;
            }
            assertEquals(15, values, "the kernel's name, the clock, and the 13 parts");
        }
    }
}
