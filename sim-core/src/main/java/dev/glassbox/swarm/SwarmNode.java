package dev.glassbox.swarm;

import dev.glassbox.Engine;

/** One node of the swarm as the managers' raft store keeps it: its role, availability, state and the engine on it. */
final class SwarmNode {
    enum Role { MANAGER, WORKER }

    enum Availability {
        ACTIVE, PAUSE, DRAIN;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Availability parse(String s) {
            for (Availability a : values()) {
                if (a.wire().equals(s.toLowerCase(java.util.Locale.ROOT))) {
                    return a;
                }
            }
            return null;
        }
    }

    enum State { READY, DOWN }

    final String id;
    final String hostname;
    final String address;
    final long joinedAt;
    Engine engine;
    Role role;
    Availability availability = Availability.ACTIVE;
    State state = State.READY;
    boolean leader;

    SwarmNode(String id, String hostname, String address, Engine engine, Role role, long joinedAt) {
        this.id = id;
        this.hostname = hostname;
        this.address = address;
        this.engine = engine;
        this.role = role;
        this.joinedAt = joinedAt;
    }

    /** Takes new tasks: up and active. */
    boolean schedulable() {
        return state == State.READY && availability == Availability.ACTIVE;
    }

    /** Keeps the tasks it has: up and not drained. */
    boolean keepsTasks() {
        return state == State.READY && availability != Availability.DRAIN;
    }

    static String pretty(Enum<?> e) {
        String s = e.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
