package dev.glassbox.kernel;

/**
 * A published port: traffic for {@code hostIp:hostPort} (0.0.0.0 = any) is rewritten to
 * {@code destIp:destPort}, as Docker's DNAT rule in the nat table's DOCKER chain does.
 */
public record NatRule(String proto, String hostIp, int hostPort, String destIp, int destPort, String bridge) {
    /** The iptables command that adds this rule. */
    public String iptables() {
        String ip = hostIp.equals("0.0.0.0") ? "" : " -d " + hostIp + "/32";
        return "iptables -t nat -A DOCKER" + ip + " ! -i " + bridge + " -p " + proto + " -m " + proto
                + " --dport " + hostPort + " -j DNAT --to-destination " + destIp + ":" + destPort;
    }
}
