package dev.glassbox.swarm;

/** {@code docker service inspect --pretty}: the CLI's template for a replicated service. */
final class ServiceViews {
    private ServiceViews() {}

    static String pretty(Service s) {
        StringBuilder b = new StringBuilder("\n");
        b.append("ID:\t\t").append(s.id).append('\n');
        b.append("Name:\t\t").append(s.name).append('\n');
        b.append("Service Mode:\tReplicated\n Replicas:\t").append(s.replicas).append('\n');
        b.append("Placement:\n");
        b.append("UpdateConfig:\n Parallelism:\t").append(s.parallelism).append("\n On failure:\tpause\n Monitoring Period: 5s\n"
                + " Max failure ratio: 0\n Update order:      stop-first\n");
        b.append("RollbackConfig:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n"
                + " Rollback order:    stop-first\n");
        b.append("ContainerSpec:\n Image:\t\t").append(s.image).append('\n');
        if (!s.args.isEmpty()) {
            b.append(" Args:\t\t").append(String.join(" ", s.args)).append(" \n");
        }
        b.append(" Init:\t\tfalse\n");
        b.append("Resources:\n");
        if (!s.networks.isEmpty()) {
            b.append("Networks:");
            s.networks.forEach(n -> b.append(' ').append(n));
            b.append('\n');
        }
        b.append("Endpoint Mode:\tvip\n");
        if (!s.ports.isEmpty()) {
            b.append("Ports:\n");
            for (Service.Port p : s.ports) {
                b.append(" PublishedPort = ").append(p.published()).append("\n  Protocol = ").append(p.proto())
                        .append("\n  TargetPort = ").append(p.target()).append("\n  PublishMode = ingress\n");
            }
        }
        return b.toString();
    }
}
