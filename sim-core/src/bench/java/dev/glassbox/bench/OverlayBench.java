package dev.glassbox.bench;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.world.World;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TCP connections per second from a host's own namespace to nginx through two paths of the sim kernel, in one world
 * and one process, alternating rounds: the bridge path (glassbox-host → docker0 → veth → a container on the same host)
 * and the overlay path (glassbox-host → the ingress overlay's bridge → VXLAN over the LAN → worker1's bridge → veth →
 * a task there). Both are driven by {@code packet trace HOST ADDRESS:80}, so the command's own cost is the same in both;
 * state capture is off. Run: mvn -o -q -Pbench -pl sim-core test-compile exec:java@overlay-bench
 */
public final class OverlayBench {
    private static final int PER_ROUND = 400;

    private OverlayBench() {}

    private static Result must(Engine e, String line) {
        Result r = e.run(line);
        if (!r.ok()) {
            throw new IllegalStateException(line + " failed: " + r.text());
        }
        return r;
    }

    private static double perSecond(Engine e, String line) {
        long t0 = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
            must(e, line);
        }
        return PER_ROUND / ((System.nanoTime() - t0) / 1e9);
    }

    public static void main(String[] args) {
        try (World w = World.sim(Engine.DEFAULT_SEED, false)) {
            Engine e = w.engine();
            must(e, "node add worker1");
            Matcher m = Pattern.compile("--token (\\S+)").matcher(must(e, "docker swarm init --availability drain").out());
            m.find();
            must(e, "docker -H worker1 swarm join --token " + m.group(1) + " 10.0.2.15:2377");
            must(e, "docker service create -d --name web --replicas 1 -p 8080:80 nginx");
            String task = must(e, "docker -H worker1 ps --format {{.Names}}").out().strip();
            String overlayIp = must(e, "docker -H worker1 inspect -f '{{.NetworkSettings.Networks.ingress.IPAddress}}' " + task).out().strip();
            must(e, "docker run -d --name local nginx");
            String bridgeIp = must(e, "docker inspect -f '{{.NetworkSettings.IPAddress}}' local").out().strip();
            String bridge = "packet trace glassbox-host " + bridgeIp + ":80";
            String overlay = "packet trace glassbox-host " + overlayIp + ":80";
            if (!must(e, overlay).out().contains("VXLAN encap") || must(e, bridge).out().contains("VXLAN")) {
                throw new IllegalStateException("the two paths are not the bridge and the overlay");
            }
            perSecond(e, bridge);
            perSecond(e, overlay);
            double[] b = new double[5];
            double[] o = new double[5];
            for (int i = 0; i < 5; i++) {
                b[i] = perSecond(e, bridge);
                o[i] = perSecond(e, overlay);
            }
            java.util.Arrays.sort(b);
            java.util.Arrays.sort(o);
            System.out.printf("bridge path %.0f connections/s, overlay (VXLAN) path %.0f connections/s (medians of 5 rounds of %d);"
                    + " overlay/bridge = %.2f%n", b[2], o[2], PER_ROUND, o[2] / b[2]);
        }
    }
}
