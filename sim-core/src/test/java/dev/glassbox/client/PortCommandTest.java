package dev.glassbox.client;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** docker run -P and docker port, as Docker 28 prints them. */
class PortCommandTest {
    @Test
    void publishAllPutsEveryExposedPortOnAFreeHostPortAndPortListsThem() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 8080:80 --name fixed nginx");
            ok(e, "docker run -d -P --expose 9000 --name every nginx");
            assertEquals("80/tcp -> 0.0.0.0:32768\n9000/tcp -> 0.0.0.0:32769\n", ok(e, "docker port every").out(),
                    "the image's 80 and --expose 9000, each on the next free port from 32768");
            assertEquals("0.0.0.0:32769\n", ok(e, "docker container port every 9000/tcp").out());
            assertEquals("true\n", ok(e, "docker inspect -f '{{.HostConfig.PublishAllPorts}}' every").out());
            assertEquals("80/tcp -> 0.0.0.0:8080\n", ok(e, "docker port fixed").out());
            ok(e, "docker run -d --name none busybox sleep 100");
            assertEquals("", ok(e, "docker port none").out(), "nothing published, nothing printed");
        }
    }

    @Test
    void aPortNotPublishedOrNotANumberIsOneLineAndStatusOne() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -P --name web nginx");
            Result missing = e.run("docker port web 81/udp");
            assertEquals(1, missing.exitStatus());
            assertEquals("Error: No public port '81/udp' published for web\n", missing.err());
            assertEquals("Error: No public port '81' published for web\n", e.run("docker port web 81").err(), "the port as typed");
            Result bad = e.run("docker port web abc");
            assertEquals(1, bad.exitStatus());
            assertEquals("Error: invalid port (abc): strconv.ParseUint: parsing \"abc\": invalid syntax\n", bad.err());
            assertEquals("Error response from daemon: No such container: nosuch\n", e.run("docker port nosuch").err());
        }
    }

    @Test
    void twoRandomPortsOfOneContainerAreTwoPorts() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 80 -p 443 --name two nginx");
            assertEquals("80/tcp -> 0.0.0.0:32768\n443/tcp -> 0.0.0.0:32769\n", ok(e, "docker port two").out());
        }
    }
}
