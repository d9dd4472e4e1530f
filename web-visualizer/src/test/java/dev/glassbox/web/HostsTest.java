package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Host and Origin headers name the server, by the address it listens on. */
class HostsTest {
    @Test
    void onTheLoopbackOnlyLocalhostsNamesAtItsPort() {
        Hosts h = Hosts.of("127.0.0.1", 7070);
        for (String ok : List.of("127.0.0.1:7070", "localhost:7070", "LocalHost:7070", "localhost.:7070", "[::1]:7070", "[0:0:0:0:0:0:0:1]:7070")) {
            assertTrue(h.allows(ok), ok);
        }
        for (String no : List.of("127.0.0.1", "127.0.0.1:7071", "evil.example:7070", "127.0.0.2:7070", "::1:7070", "[::1:7070",
                "localhost:7070:7070", "localhost:http", "", " ")) {
            assertFalse(h.allows(no), no);
        }
        assertFalse(h.allows(null));
        assertTrue(h.allowsOrigin("http://localhost:7070"));
        for (String no : List.of("http://localhost:7070/x", "http://user@localhost:7070", "file://", "null", "http://evil.example:7070",
                "https://localhost:7070", "ws://localhost:7070")) {
            assertFalse(h.allowsOrigin(no), no);
        }
    }

    @Test
    void onEveryAddressTheMachinesOwnNamesAndAddressesButNoOther() throws Exception {
        Hosts h = Hosts.of("0.0.0.0", 80);
        assertTrue(h.allows("localhost"));
        assertTrue(h.allows("0.0.0.0"), "the address printed at start");
        assertTrue(h.allows(InetAddress.getLocalHost().getHostName().toUpperCase() + ":80"), h.names().toString());
        assertTrue(h.allows(InetAddress.getLocalHost().getHostAddress()), h.names().toString());
        assertFalse(h.allows("evil.example"));
        assertFalse(h.allows("1.2.3.4"));
    }

    @Test
    void onANamedAddressThatNameAlone() {
        Hosts h = Hosts.of("class.school.example", 8080);
        assertEquals(java.util.Set.of("class.school.example"), h.names());
        assertTrue(h.allows("Class.School.Example:8080"));
        assertFalse(h.allows("localhost:8080"));
    }
}
