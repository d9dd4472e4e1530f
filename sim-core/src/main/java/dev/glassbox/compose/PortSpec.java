package dev.glassbox.compose;

/** One {@code ports} entry in its long form: {@code published} empty for a random host port. */
record PortSpec(String hostIp, int target, String published, String protocol) {
    PortSpec {
        hostIp = hostIp == null ? "" : hostIp;
        published = published == null ? "" : published;
        protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    }
}
