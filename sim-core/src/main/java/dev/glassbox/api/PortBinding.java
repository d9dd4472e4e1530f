package dev.glassbox.api;

/** {@code -p 8080:80}: a container port published on a host address and port ("" = all addresses). */
public record PortBinding(String hostIp, int hostPort, int containerPort, String proto) {
    public PortBinding {
        hostIp = hostIp == null ? "" : hostIp;
        proto = proto == null || proto.isEmpty() ? "tcp" : proto;
        if (containerPort < 1 || containerPort > 65535) {
            throw DockerException.invalid("invalid containerPort: " + containerPort);
        }
        if (hostPort < 0 || hostPort > 65535) {
            throw DockerException.invalid("invalid hostPort: " + hostPort);
        }
    }

    /** {@code 80/tcp}. */
    public String portKey() {
        return containerPort + "/" + proto;
    }
}
