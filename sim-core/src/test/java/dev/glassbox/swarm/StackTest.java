package dev.glassbox.swarm;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import dev.glassbox.world.World;
import org.junit.jupiter.api.Test;

/** docker stack deploy|ls|services|ps|rm: a compose file run as swarm services on overlay networks. */
class StackTest {
    private static final String DETACH = "Since --detach=false was not specified, tasks will be created in the background.\n"
            + "In a future release, --detach=false will become the default.\n";
    private static final String FILE = """
            services:
              web:
                image: nginx
                ports:
                  - "8080:80"
                deploy:
                  replicas: 3
                  update_config:
                    parallelism: 2
                networks: [front]
              api:
                image: redis
                restart: always
                networks: [front, back]
            networks:
              front:
                attachable: true
              back: {}
            """;

    private static Engine withFile(World w, String text) {
        Engine e = w.engine();
        e.workspace(new MemoryWorkspace().put(MemoryWorkspace.HOME + "/compose.yaml", text));
        return e;
    }

    @Test
    void deployCreatesTheNetworksAndServicesOfTheFileAndRmTakesThemAway() {
        try (World w = World.sim()) {
            Engine e = withFile(w, FILE);
            SwarmTest.threeNodes(e);
            Result r = ok(e, "docker stack deploy -c compose.yaml app");
            assertEquals("Creating network app_back\nCreating network app_front\nCreating service app_api\nCreating service app_web\n", r.out());
            assertEquals("Ignoring unsupported options: restart\n\n" + DETACH, r.err());
            assertEquals("NAME      SERVICES\napp       2\n", ok(e, "docker stack ls").out());
            String services = ok(e, "docker stack services app").out();
            assertTrue(services.matches("(?s)ID +NAME +MODE +REPLICAS +IMAGE +PORTS\n\\w{12} +app_api +replicated +1/1 +redis:latest +\n"
                    + "\\w{12} +app_web +replicated +3/3 +nginx:latest +\\*:8080->80/tcp\n"), services);
            assertEquals(4, ok(e, "docker stack ps app").out().lines().filter(l -> l.contains("Running         Running")).count());
            assertTrue(ok(e, "docker network inspect -f '{{.Scope}} {{.Driver}} {{.Attachable}}' app_front").out().equals("swarm overlay true\n"));
            // the stack's services answer by their names in the file too, on the stack's networks
            String lookup = ok(e, "docker -H worker2 run --rm --network app_front busybox nslookup api").out();
            assertTrue(lookup.contains("Name:\tapi\nAddress: 10.0.3.2\n"), lookup);
            String tasks = ok(e, "docker -H worker2 run --rm --network app_front busybox nslookup tasks.web").out();
            assertEquals(3, tasks.lines().filter(l -> l.matches("Address: 10\\.0\\.3\\.\\d+")).count(), tasks);
            assertTrue(ok(e, "docker -H worker2 run --rm busybox wget -qO- http://10.0.2.16:8080/").out().contains("Welcome to nginx"));
            // deploying again updates what is there
            String again = ok(e, "docker stack deploy -d -c compose.yaml app").out();
            assertTrue(again.matches("Updating service app_api \\(id: \\w{25}\\)\nUpdating service app_web \\(id: \\w{25}\\)\n"), again);
            Result rm = ok(e, "docker stack rm app");
            assertEquals("Removing service app_api\nRemoving service app_web\nRemoving network app_back\nRemoving network app_front\n", rm.out());
            assertEquals("", ok(e, "docker service ls -q").out());
            assertTrue(!ok(e, "docker network ls").out().contains("app_"));
            assertEquals("Nothing found in stack: app\n", ok(e, "docker stack rm app").err());
        }
    }

    @Test
    void badInputGetsTheClisWords() {
        try (World w = World.sim()) {
            Engine e = withFile(w, FILE);
            Result notManager = e.run("docker stack deploy -c compose.yaml app");
            assertEquals(1, notManager.exitStatus());
            assertTrue(notManager.err().endsWith(DETACH + "this node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\""
                    + " to connect this node to swarm and try again\n"), notManager.err());
            ok(e, "docker swarm init");
            assertEquals("Nothing found in stack: nope\n", ok(e, "docker stack services nope").err());
            Result ps = e.run("docker stack ps nope");
            assertEquals(1, ps.exitStatus());
            assertEquals("nothing found in stack: nope\n", ps.err());
            assertEquals("Please specify a Compose file (with --compose-file).\n", e.run("docker stack deploy app").err());
            e.workspace(new MemoryWorkspace().put(MemoryWorkspace.HOME + "/compose.yaml", """
                    services:
                      web:
                        image: nginx
                        networks: [shared]
                    networks:
                      shared:
                        external: true
                    """));
            Result external = e.run("docker stack deploy -d -c compose.yaml app");
            assertEquals(1, external.exitStatus());
            assertEquals("network \"shared\" is declared as external, but could not be found. You need to create a swarm-scoped network before"
                    + " the stack is deployed\n", external.err());
            assertEquals("", ok(e, "docker service ls -q").out());
            ok(e, "docker network create -d overlay shared");
            assertEquals("Creating service app_web\n", ok(e, "docker stack deploy -d -c compose.yaml app").out());
        }
    }
}
