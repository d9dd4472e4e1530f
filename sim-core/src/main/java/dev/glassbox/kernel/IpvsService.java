package dev.glassbox.kernel;

import java.util.List;

/**
 * One IPVS virtual service, as swarm's load balancer programs it: connections to {@code vip:port} go to
 * one of the {@code backends} in turn (round robin). {@code vip} 0.0.0.0 is the routing mesh's published
 * port, answered on every address of the host; {@code port} 0 is a service's virtual IP, balanced on
 * every port (the backend keeps the port the client asked for).
 */
public record IpvsService(String proto, String vip, int port, List<String> backends, int targetPort) {
    public IpvsService {
        backends = List.copyOf(backends);
    }

    /** Whether this service takes a connection to {@code ip:port}; {@code local}: ip is the host's own. */
    public boolean matches(String ip, int port, boolean local) {
        return (vip.equals("0.0.0.0") ? local : vip.equals(ip)) && (this.port == 0 || this.port == port);
    }

    /** The port a backend is connected on, for a connection that asked for {@code port}. */
    public int target(int port) {
        return this.port == 0 ? port : targetPort;
    }

    /** ipvsadm's commands that program this service. */
    public String ipvsadm() {
        String svc = vip.equals("0.0.0.0") ? "-f <fwmark of " + proto + "/" + port + ">" : "-t " + vip + ":" + port;
        StringBuilder b = new StringBuilder("ipvsadm -A " + svc + " -s rr");
        for (String be : backends) {
            b.append(" && ipvsadm -a ").append(svc).append(" -r ").append(be).append(port == 0 ? "" : ":" + targetPort).append(" -m");
        }
        return b.toString();
    }
}
