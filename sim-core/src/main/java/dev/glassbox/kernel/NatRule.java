package dev.glassbox.kernel;

/**
 * A published port: traffic for {@code hostIp:hostPort} (0.0.0.0 = any) is rewritten to
 * {@code destIp:destPort}, as Docker's DNAT rule in the nat table's DOCKER chain does, and
 * docker-proxy relays what the rule cannot catch (connections to 127.0.0.1).
 */
public record NatRule(String proto, String hostIp, int hostPort, String destIp, int destPort, String bridge) {
    /** The iptables command that adds this rule to Docker's DOCKER chain. */
    public String iptables() {
        return iptables("DOCKER");
    }

    /** The iptables command that adds this rule to {@code chain}. */
    public String iptables(String chain) {
        return "iptables -t nat -A " + chain + " " + ruleSpec();
    }

    /** The rule's match and target, as {@code iptables -S} prints them after the chain name. */
    public String ruleSpec() {
        String ip = hostIp.equals("0.0.0.0") ? "" : "-d " + hostIp + "/32 ";
        return ip + "! -i " + bridge + " -p " + proto + " -m " + proto + " --dport " + hostPort + " -j DNAT --to-destination "
                + destIp + ":" + destPort;
    }

    /** docker-proxy's command line for this port, as dockerd starts it. */
    public String proxyCommand() {
        return "docker-proxy -proto " + proto + " -host-ip " + hostIp + " -host-port " + hostPort + " -container-ip " + destIp
                + " -container-port " + destPort;
    }
}
