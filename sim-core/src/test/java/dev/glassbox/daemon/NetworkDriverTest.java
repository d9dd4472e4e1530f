package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** docker network create -d: the drivers there are, and the daemon's words for the others; the world unchanged after each. */
class NetworkDriverTest {
    private static void refused(Engine e, String line, String err) {
        String before = e.run("docker network ls").out();
        Result r = e.run(line);
        assertEquals(err + "\n", r.err(), line);
        assertEquals(1, r.exitStatus(), line);
        assertEquals(before, e.run("docker network ls").out(), line + " changed the networks");
    }

    @Test
    void bridgeIsTheDefaultAndCanBeNamed() {
        try (Engine e = Engine.sim()) {
            assertEquals(0, e.run("docker network create -d bridge appnet").exitStatus());
            assertEquals(0, e.run("docker network create plain").exitStatus());
            assertEquals("bridge\nbridge\n", e.run("docker network inspect -f '{{.Driver}}' appnet plain").out());
            assertEquals("null\n", e.run("docker network inspect -f '{{.Driver}}' none").out());
        }
    }

    @Test
    void otherDriversAreRefusedInTheDaemonsWords() {
        try (Engine e = Engine.sim()) {
            refused(e, "docker network create -d nosuch n1", "Error response from daemon: plugin \"nosuch\" not found");
            refused(e, "docker network create -d host n2", "Error response from daemon: only one instance of \"host\" network is allowed");
            refused(e, "docker network create -d null n3", "Error response from daemon: only one instance of \"null\" network is allowed");
            refused(e, "docker network create -d overlay n4", "Error response from daemon: This node is not a swarm manager. Use "
                    + "\"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.");
            Result l3 = e.run("docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3 n5");
            assertEquals(1, l3.exitStatus());
            assertEquals("Error response from daemon: glassbox: ipvlan mode l3 is not simulated; l2 is\n", l3.err());
            refused(e, "docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l9 n6", "Error response from daemon: requested ipvlan"
                    + " mode 'l9' is not valid, 'l2' mode is the ipvlan driver default");
        }
    }

    @Test
    void networkModesShowAsDockerShowsThem() {
        try (Engine e = Engine.sim()) {
            e.run("docker network create appnet");
            e.run("docker run -d --name web1 busybox sleep 100");
            e.run("docker run -d --name web2 --network appnet busybox sleep 100");
            e.run("docker run -d --name web3 --network container:web1 busybox sleep 100");
            e.run("docker run -d --name web4 --network none busybox sleep 100");
            e.run("docker run -d --name web5 --network host busybox sleep 100");
            assertEquals("bridge [bridge]\nappnet [appnet]\ncontainer:web1 [container]\nnone [none]\nhost [host]\n",
                    e.run("docker inspect -f '{{.HostConfig.NetworkMode}} {{range $k, $v := .NetworkSettings.Networks}}[{{$k}}]{{end}}' "
                            + "web1 web2 web3 web4 web5").out());
        }
    }
}
