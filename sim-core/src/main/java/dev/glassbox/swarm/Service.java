package dev.glassbox.swarm;

import java.util.ArrayList;
import java.util.List;

/** A replicated service's spec as the managers store it, and the virtual IP each of its networks gave it. */
final class Service {
    record Port(int published, int target, String proto) {
        String shown() {
            return "*:" + published + "->" + target + "/" + proto;
        }
    }

    final String id;
    final String name;
    final long createdAt;
    String image;
    List<String> args;
    int replicas;
    int parallelism = 1;
    final List<Port> ports = new ArrayList<>();
    final List<String> networks = new ArrayList<>();
    long updatedAt;
    String previousImage;
    final java.util.Map<String, String> vips = new java.util.LinkedHashMap<>();
    /** The service's labels: a stack's services carry {@code com.docker.stack.namespace}. */
    final java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
    /** Other names its VIP answers to on its networks: a stack's service is also known by its name in the compose file. */
    final List<String> aliases = new ArrayList<>();

    Service(String id, String name, String image, List<String> args, int replicas, long createdAt) {
        this.id = id;
        this.name = name;
        this.image = image;
        this.args = List.copyOf(args);
        this.replicas = replicas;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }
}
