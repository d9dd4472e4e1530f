package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** docker run --link on the default bridge (hosts line, environment, inspect) and on a user-defined network (an alias). */
class LegacyLinkTest {
    @Test
    void aLinkOnTheDefaultBridgeWritesHostsAndEnvironment() {
        try (Engine e = Engine.sim()) {
            String id = ok(e, "docker run -d --name db -e PASSWORD=s3cret redis").out().strip();
            String shortId = id.substring(0, 12);
            ok(e, "docker run -d --name web --link db:store busybox sleep 1000");
            String hosts = ok(e, "docker exec web cat /etc/hosts").out();
            assertTrue(hosts.contains("172.17.0.2\tstore " + shortId + " db\n"), hosts);
            String env = ok(e, "docker exec web env").out();
            for (String v : new String[] {"STORE_PORT=tcp://172.17.0.2:6379", "STORE_PORT_6379_TCP=tcp://172.17.0.2:6379",
                    "STORE_PORT_6379_TCP_ADDR=172.17.0.2", "STORE_PORT_6379_TCP_PORT=6379", "STORE_PORT_6379_TCP_PROTO=tcp",
                    "STORE_NAME=/web/store", "STORE_ENV_PASSWORD=s3cret"}) {
                assertTrue(env.contains(v + "\n"), v + " in\n" + env);
            }
            assertTrue(!env.contains("STORE_ENV_PATH="), "PATH is left out");
            assertEquals("[/db:/web/store]\n", ok(e, "docker inspect -f '{{.HostConfig.Links}}' web").out());
            assertEquals("null\n", ok(e, "docker inspect -f '{{json .NetworkSettings.Networks.bridge.Links}}' web").out());
            assertTrue(ok(e, "docker exec web ping -c 1 store").out().contains("1 packets received"));
            ok(e, "docker run -d --name app --link db busybox sleep 1000");
            assertTrue(ok(e, "docker exec app cat /etc/hosts").out().contains("172.17.0.2\tdb " + shortId + "\n"), "alias = name: listed once");
            assertTrue(ok(e, "docker exec app env").out().contains("DB_NAME=/app/db\n"));
        }
    }

    @Test
    void linksAreCheckedAsDockerChecksThem() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            Result missing = e.run("docker run -d --link foo busybox true");
            assertEquals("docker: Error response from daemon: could not get container for foo: No such container: foo\n\nRun 'docker run --help' for more information\n", missing.err());
            assertEquals(125, missing.exitStatus());
            Result bad = e.run("docker run -d --link a:b:c busybox true");
            assertTrue(bad.err().startsWith("invalid argument \"a:b:c\" for \"--link\" flag: bad format for links: a:b:c\n"), bad.err());
            assertEquals(125, bad.exitStatus());
            ok(e, "docker create --name db busybox sleep 100");
            Result stopped = e.run("docker run -d --name web --link db busybox sleep 100");
            assertEquals("docker: Error response from daemon: Cannot link to a non running container: /db AS /web/db\n\nRun 'docker run --help' for more information\n", stopped.err());
            assertEquals(125, stopped.exitStatus());
            Result host = e.run("docker run -d --network host --link db busybox true");
            assertEquals("docker: Error response from daemon: conflicting options: host type networking can't be used with links."
                    + " This would result in undefined behavior\n\nRun 'docker run --help' for more information\n", host.err());
        }
    }

    @Test
    void onAUserNetworkALinkIsANameOnlyTheLinkingContainerKnows() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create app");
            ok(e, "docker run -d --name db --network app redis");
            ok(e, "docker run -d --name web --network app --link db:store busybox sleep 1000");
            ok(e, "docker run -d --name other --network app busybox sleep 1000");
            assertTrue(ok(e, "docker exec web ping -c 1 store").out().contains("1 packets received"));
            assertEquals("ping: bad address 'store'\n", e.run("docker exec other ping -c 1 store").err());
            assertEquals("[db:store]\n", ok(e, "docker inspect -f '{{.NetworkSettings.Networks.app.Links}}' web").out());
            assertEquals("null\n", ok(e, "docker inspect -f '{{json .HostConfig.Links}}' web").out());
            assertTrue(!ok(e, "docker exec web env").out().contains("STORE_"), "no link variables on a user-defined network");
        }
    }
}
