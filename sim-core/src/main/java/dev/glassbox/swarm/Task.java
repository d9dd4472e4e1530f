package dev.glassbox.swarm;

/** One task of a service: a slot's container on a node, with the state the node last reported and the state the managers want. */
final class Task {
    enum State {
        NEW, PENDING, ASSIGNED, RUNNING, SHUTDOWN, FAILED, REJECTED;

        String pretty() {
            return SwarmNode.pretty(this);
        }
    }

    final String id;
    final Service service;
    final int slot;
    final SwarmNode node;
    final String image;
    final long createdAt;
    State desired = State.RUNNING;
    State state = State.NEW;
    long since;
    String error = "";
    String ip = "";
    /** Its container's address on each network it joined (ingress, the service's overlays). */
    final java.util.Map<String, String> ips = new java.util.LinkedHashMap<>();

    Task(String id, Service service, int slot, SwarmNode node, String image, long createdAt) {
        this.id = id;
        this.service = service;
        this.slot = slot;
        this.node = node;
        this.image = image;
        this.createdAt = createdAt;
        this.since = createdAt;
    }

    /** Its container's name on the node, as Docker names it: {@code web.1.<task id>}. */
    String containerName() {
        return service.name + "." + slot + "." + id;
    }

    boolean live() {
        return desired == State.RUNNING;
    }
}
