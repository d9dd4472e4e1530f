package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** User-defined bridge networks on the sim kernel: own bridge and subnet, names resolve inside, isolation outside. */
class NetworkTest {
    @Test
    void containersOnOneNetworkReachEachOtherByNameAndNobodyElseDoes() {
        try (Engine e = Engine.sim()) {
            String id = ok(e, "docker network create app").out().strip();
            assertTrue(id.matches("[0-9a-f]{64}"), id);
            assertTrue(e.state().at("/host/links").toString().contains("br-" + id.substring(0, 12)), "the network has its own bridge");
            ok(e, "docker run -d --name web --network app nginx");
            assertEquals("172.18.0.2\n", ok(e, "docker inspect -f '{{.NetworkSettings.Networks.app.IPAddress}}' web").out());
            Result page = ok(e, "docker run --rm --network app busybox wget -qO- web");
            assertTrue(page.out().contains("Welcome to nginx!"), page.out());
            Result other = e.run("docker run --rm busybox wget -qO- web");
            assertEquals("wget: bad address 'web'\n", other.err(), "the default bridge does not resolve app's names");
            Result byIp = e.run("docker run --rm busybox wget -qO- 172.18.0.2");
            assertEquals(1, byIp.exitStatus(), "and cannot reach app's addresses: " + byIp.text());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("blocked") && ev.equivalent().contains("DOCKER-ISOLATION")),
                    "the host drops traffic between two bridges");
            ok(e, "docker network create other");
            assertEquals(1, e.run("docker run --rm --network other busybox wget -qO- 172.18.0.2").exitStatus());
        }
    }

    @Test
    void peersLearnOfContainersThatStartAndStop() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create app");
            ok(e, "docker run -d --name web --network app nginx");
            ok(e, "docker run -d --name db --network app redis");
            assertTrue(ok(e, "docker exec web cat /etc/hosts").out().contains("172.18.0.3\tdb "));
            ok(e, "docker stop db");
            assertTrue(!ok(e, "docker exec web cat /etc/hosts").out().contains("\tdb "));
        }
    }

    @Test
    void connectPlugsARunningContainerIntoASecondNetworkAndDisconnectTakesItOut() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create front");
            ok(e, "docker network create back");
            ok(e, "docker run -d --name db --network back nginx");
            ok(e, "docker run -d --name app --network front busybox sleep 1000");
            assertEquals(1, e.run("docker exec app wget -qO- db").exitStatus(), "not on back yet");
            ok(e, "docker network connect back app");
            assertTrue(ok(e, "docker exec app wget -qO- db").out().contains("Welcome to nginx!"));
            assertTrue(ok(e, "docker exec app ip addr").out().contains("inet 172.19.0.3/16"), "eth1 on back");
            assertEquals("172.18.0.2 172.19.0.3\n", ok(e, "docker inspect -f '{{.NetworkSettings.Networks.front.IPAddress}} "
                    + "{{.NetworkSettings.Networks.back.IPAddress}}' app").out());
            assertTrue(ok(e, "docker exec db cat /etc/hosts").out().contains("172.19.0.3\tapp "));
            ok(e, "docker stop app");
            ok(e, "docker start app");
            assertTrue(ok(e, "docker exec app wget -qO- db").out().contains("Welcome to nginx!"), "the endpoint comes back on start");
            ok(e, "docker network disconnect back app");
            assertEquals(1, e.run("docker exec app wget -qO- -T 1 172.19.0.2").exitStatus(), "off back again");
            assertTrue(!ok(e, "docker exec db cat /etc/hosts").out().contains("\tapp "), "db forgets app");
            Result again = e.run("docker network disconnect back app");
            assertTrue(again.err().matches("Error response from daemon: container [0-9a-f]{64} is not connected to network back\n"), again.err());
            assertTrue(e.run("docker network connect front app").err().contains("endpoint with name app already exists in network front"));
        }
    }

    @Test
    void pruneRemovesTheNetworksNoRunningContainerUses() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create used");
            ok(e, "docker network create idle");
            ok(e, "docker run -d --name web --network used nginx");
            assertEquals("Deleted Networks:\nidle\n\n", ok(e, "docker network prune -f").out());
            assertEquals("", ok(e, "docker network prune -f").out());
            assertEquals("bridge host none used ", ok(e, "docker network ls --format '{{.Name}}'").out().replace("\n", " "));
        }
    }

    @Test
    void lsListsPredefinedAndUserNetworksByName() {
        try (Engine e = Engine.sim()) {
            String id = ok(e, "docker network create --subnet 10.1.0.0/24 lab").out().substring(0, 12);
            Result ls = ok(e, "docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'");
            assertEquals("bridge bridge local\nhost host local\nlab bridge local\nnone null local\n", ls.out());
            assertTrue(ok(e, "docker network ls").out().contains(id + "   lab       bridge    local\n"));
            assertEquals("10.1.0.0/24 10.1.0.1\n", ok(e, "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' lab").out());
            assertEquals("10.1.0.2\n", ok(e, "docker run --rm --network lab busybox hostname -i").out());
        }
    }

    @Test
    void subnetsFollowDockersPool() {
        try (Engine e = Engine.sim()) {
            for (String n : new String[] {"a1", "b2", "c3"}) {
                ok(e, "docker network create " + n);
            }
            assertEquals("172.18.0.0/16 172.19.0.0/16 172.20.0.0/16\n", ok(e, "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' a1 b2 c3")
                    .out().replace("\n", " ").strip() + "\n");
            ok(e, "docker network rm b2");
            ok(e, "docker network create d4");
            assertEquals("172.19.0.0/16\n", ok(e, "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' d4").out());
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("docker network rm app", "Error response from daemon: error while removing network: network app has active endpoints (name:\"web\" id:\"", 1),
                Arguments.of("docker network rm bridge", "Error response from daemon: bridge is a pre-defined network and cannot be removed\n", 1),
                Arguments.of("docker network create app", "Error response from daemon: network with name app already exists\n", 1),
                Arguments.of("docker network create --subnet 172.18.5.0/24 x1", "Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n", 1),
                Arguments.of("docker network inspect nope", "Error response from daemon: network nope not found\n", 1),
                Arguments.of("docker run --rm --network nope busybox true", "docker: Error response from daemon: network nope not found\n", 125),
                Arguments.of("docker network connect host web", "Error response from daemon: container cannot be disconnected from host network or connected to host network\n", 1));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsInDockersWords(String line, String err, int status) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create app");
            ok(e, "docker run -d --name web --network app nginx");
            Result r = e.run(line);
            assertTrue(r.err().contains(err), r.err());
            assertEquals(status, r.exitStatus());
        }
    }
}
