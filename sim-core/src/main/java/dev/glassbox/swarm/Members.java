package dev.glassbox.swarm;

import dev.glassbox.Engine;
import java.util.List;

/** The hosts of the world a swarm can span, as the world lists them: each host's name, LAN address and engine. */
public interface Members {
    record Member(String hostname, String address, Engine engine) {}

    List<Member> hosts();

    default Member of(Engine e) {
        return hosts().stream().filter(m -> m.engine() == e).findFirst().orElseThrow();
    }

    /** The host whose LAN address is {@code address}, if any. */
    default java.util.Optional<Member> at(String address) {
        return hosts().stream().filter(m -> m.address().equals(address)).findFirst();
    }
}
