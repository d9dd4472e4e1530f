package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.trace.Tracer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one test against the host's network stack: only as root with ip, nsenter and unshare. A
 * {@code unshare --net sleep 30} process holds a fresh network namespace that plays the container;
 * a bridge and a veth pair wire it to the host; everything is deleted again in the end.
 */
class LinuxNetRealTest {
    private static final String BRIDGE = "glassbox-tb0";
    private static final String VETH = "glassbox-tv0";
    private static final String PEER = "glassbox-tv0p";

    private static String sh(String... argv) {
        return Cmd.run(List.of(argv), Cmd.DEFAULT_TIMEOUT_MILLIS).stdout();
    }

    @Test
    void wiresANamespaceToABridgeAndLeavesNothingBehind() throws Exception {
        assumeTrue(Preflight.effectiveUid(Path.of("/")) == 0, "needs uid 0 to create links on the host");
        assumeTrue(Cmd.onPath("ip") && Cmd.onPath("nsenter") && Cmd.onPath("unshare"), "needs ip, nsenter and unshare on PATH");
        String links = sh("ip", "-o", "link", "show");
        assumeTrue(!links.contains(BRIDGE) && !links.contains(VETH), "test links already exist on this host: " + links);
        assumeTrue(!sh("ip", "-o", "addr", "show").contains("10.213.0."), "10.213.0.0/24 is already in use on this host");

        Process holder = new ProcessBuilder("unshare", "--net", "sleep", "30").redirectErrorStream(true).start();
        int pid = (int) holder.pid();
        Tracer tracer = new Tracer(() -> System.currentTimeMillis());
        LinuxNet net = LinuxNet.host(tracer);
        try {
            for (int i = 0; i < 200 && !LinuxNet.hasOwnNetNs(pid); i++) {
                Thread.sleep(10);
            }
            assumeTrue(LinuxNet.hasOwnNetNs(pid), "unshare --net did not give process " + pid + " a network namespace");
            Sandbox sb = new Sandbox("glassbox-nettest", pid, Map.of(NsType.NET, 0L));

            tracer.begin("glassbox net test", "wire a namespace");
            net.createBridge(BRIDGE, "10.213.0.1/24");
            net.createVeth(VETH, sb, "eth0");
            net.setMaster(VETH, BRIDGE);
            net.addAddress(sb, "eth0", "10.213.0.2/24");
            net.linkUp(sb, "eth0");
            net.linkUp(sb, "lo");
            net.addDefaultRoute(sb, "10.213.0.1", "eth0");
            List<dev.glassbox.trace.TraceEvent> trace = tracer.finish().events();
            int events = trace.size();
            assertTrue(events >= 9, "kernel events recorded: " + events);
            if (Sys.available()) {
                // the wiring went by netlink from the JVM; the equivalent names the ip command and the message
                assertTrue(trace.stream().anyMatch(e -> e.equivalent().equals("ip link add " + VETH + " type veth peer name eth0 netns " + pid
                        + " (via netlink: RTM_NEWLINK)")), trace.toString());
                assertTrue(trace.stream().anyMatch(e -> e.equivalent().equals("nsenter --net=/proc/" + pid
                        + "/ns/net ip route add default via 10.213.0.1 dev eth0 (via netlink: RTM_NEWROUTE)")), trace.toString());
            }

            assertTrue(net.linkExists(BRIDGE));
            assertTrue(net.linkExists(VETH));
            assertTrue(sh("ip", "-o", "link", "show", "dev", VETH).contains(VETH + "@if"), "the peer is in another namespace");
            String ns = "--net=/proc/" + pid + "/ns/net";
            String addr = sh("nsenter", ns, "ip", "-o", "addr", "show", "eth0");
            System.out.println("[LinuxNetRealTest] inside: " + addr.strip());
            assertTrue(addr.contains("inet 10.213.0.2/24"), addr);
            String route = sh("nsenter", ns, "ip", "route", "show", "default");
            assertTrue(route.contains("default via 10.213.0.1 dev eth0"), route);
            String master = sh("ip", "-o", "link", "show", "dev", VETH);
            assertTrue(master.contains("master " + BRIDGE), master);
            if (Cmd.onPath("ping")) {
                Cmd.Result ping = Cmd.run(List.of("ping", "-c1", "-W1", "10.213.0.2"), 5_000);
                System.out.println("[LinuxNetRealTest] ping: " + ping.stdout().strip());
                assertEquals(0, ping.exit(), ping.stdout() + ping.stderr());
            } else {
                // As root, isReachable sends an ICMP echo (else a TCP probe, where a reset also counts as reachable).
                boolean reachable = java.net.InetAddress.getByName("10.213.0.2").isReachable(2000);
                System.out.println("[LinuxNetRealTest] ping not installed; InetAddress.isReachable(10.213.0.2) = " + reachable);
                assertTrue(reachable, "10.213.0.2 is not reachable from the host over " + BRIDGE);
            }
        } finally {
            if (net.linkExists(VETH)) {
                net.deleteLink(VETH);
            }
            if (net.linkExists(BRIDGE)) {
                net.deleteLink(BRIDGE);
            }
            holder.destroy();
            if (!holder.waitFor(5, TimeUnit.SECONDS)) {
                holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        net.settle(); // a container's veth end is deleted in the background
        String after = sh("ip", "-o", "link", "show");
        assertFalse(after.contains(BRIDGE) || after.contains(VETH) || after.contains(PEER), after);
        assertFalse(holder.isAlive());
    }
}
