package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.Links;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** LinuxNet's command lines, refusals and trace events, with a fake command runner: no root needed. */
class LinuxNetTest {
    private final List<String> ran = new ArrayList<>();
    private Function<List<String>, Cmd.Result> answer = argv -> new Cmd.Result(argv, 0, "", "");
    private final Sandbox sb = new Sandbox("c1", 4242, Map.of(NsType.NET, 4026532000L));

    private LinuxNet net(Tracer tracer) {
        return new LinuxNet(argv -> {
            ran.add(String.join(" ", argv));
            return answer.apply(argv);
        }, tracer, pid -> pid == 4242);
    }

    private LinuxNet net() {
        return net(null);
    }

    @Test
    void createBridgeAddsAddressesAndBringsItUp() {
        net().createBridge("glassbox0", "10.213.0.1/24");
        assertEquals(List.of("ip link add glassbox0 type bridge", "ip addr add 10.213.0.1/24 dev glassbox0",
                "ip link set glassbox0 up"), ran);
    }

    @Test
    void aHalfMadeBridgeIsDeleted() {
        answer = argv -> new Cmd.Result(argv, argv.contains("addr") ? 2 : 0, "", argv.contains("addr") ? "RTNETLINK answers: File exists\n" : "");
        SysError e = assertThrows(SysError.class, () -> net().createBridge("glassbox0", "10.213.0.1/24"));
        assertEquals(Errno.EEXIST, e.errno());
        assertTrue(e.getMessage().contains("`ip addr add 10.213.0.1/24 dev glassbox0` failed (exit 2): RTNETLINK answers: File exists"),
                e.getMessage());
        assertEquals("ip link del glassbox0", ran.get(ran.size() - 1));
    }

    @Test
    void vethIntoASandbox() {
        LinuxNet n = net();
        n.createVeth("vethabc", sb, "eth0");
        n.setMaster("vethabc", "glassbox0");
        n.addAddress(sb, "eth0", "10.213.0.2/24");
        n.linkUp(sb, "eth0");
        n.linkUp(sb, "lo");
        n.addDefaultRoute(sb, "10.213.0.1", "eth0");
        n.deleteLink("vethabc");
        String ns = "nsenter --net=/proc/4242/ns/net ";
        assertEquals(List.of(
                "ip link add vethabc type veth peer name eth0 netns 4242",
                "ip link set vethabc master glassbox0 up",
                ns + "ip addr add 10.213.0.2/24 dev eth0",
                ns + "ip link set eth0 up",
                ns + "ip link set lo up",
                ns + "ip route add default via 10.213.0.1 dev eth0",
                "ip link del vethabc"), ran);
    }

    @Test
    void linkExistsIsTheExitStatus() {
        answer = argv -> new Cmd.Result(argv, argv.contains("glassbox-here") ? 0 : 1, "", "Device \"x\" does not exist.");
        assertTrue(net().linkExists("glassbox-here"));
        assertFalse(net().linkExists("glassbox-gone"));
        assertEquals(List.of("ip -o link show dev glassbox-here", "ip -o link show dev glassbox-gone"), ran);
    }

    @Test
    void refusesHostLinksThatAreNotOurs() {
        LinuxNet n = net();
        assertThrows(IllegalArgumentException.class, () -> n.createBridge("docker0", "10.0.0.1/24"));
        assertThrows(IllegalArgumentException.class, () -> n.deleteLink("eth0"));
        assertThrows(IllegalArgumentException.class, () -> n.linkExists("lo"));
        assertThrows(IllegalArgumentException.class, () -> n.setMaster("glassbox-v", "br0"));
        assertThrows(IllegalArgumentException.class, () -> n.createVeth("eth1", sb, "eth0"));
        assertThrows(IllegalArgumentException.class, () -> n.createVeth("glassbox-v", sb, "eth 1"));
        assertThrows(IllegalArgumentException.class, () -> n.linkUp(null, "eth0"));
        assertThrows(IllegalArgumentException.class, () -> n.addAddress(null, "wlan0", "10.0.0.2/24"));
        assertThrows(IllegalArgumentException.class, () -> n.createVeth("glassbox-toolongname0", sb, "eth0"));
        assertThrows(IllegalArgumentException.class, () -> n.createVeth("glassbox v", sb, "eth0"));
        assertThrows(IllegalArgumentException.class, () -> n.createBridge("glassbox0", "10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> n.addDefaultRoute(null, "10.0.0.1", "glassbox0"));
        assertThrows(IllegalArgumentException.class, () -> n.addDefaultRoute(sb, "10.0.0.1; reboot", "eth0"));
        assertTrue(ran.isEmpty(), "nothing ran: " + ran);
    }

    @Test
    void refusesASandboxInTheHostsNamespace() {
        Sandbox hostish = new Sandbox("c2", 777, Map.of());
        LinuxNet n = net();
        assertThrows(IllegalArgumentException.class, () -> n.createVeth("vethx", hostish, "eth0"));
        assertThrows(IllegalArgumentException.class, () -> n.linkUp(hostish, "eth0"));
        assertThrows(IllegalArgumentException.class, () -> n.linkUp(new Sandbox("c3", 1, Map.of()), "eth0"));
        assertTrue(ran.isEmpty(), "nothing ran: " + ran);
    }

    @Test
    void aMissingCommandIsAClearError() {
        answer = argv -> {
            throw new CmdException(argv, -1, "cannot start: Cannot run program \"ip\"", null);
        };
        SysError e = assertThrows(SysError.class, () -> net().linkUp(sb, "eth0"));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("nsenter --net=/proc/4242/ns/net ip link set eth0 up"), e.getMessage());
    }

    // ---------------------------------------------------------------- trace parity

    private static List<String> script(Links n, Sandbox sandbox, Tracer tracer, boolean withEquivalent) {
        tracer.begin("docker run", "run");
        n.createBridge("glassbox-t0", "10.99.0.1/24");
        n.createVeth("glassbox-v0", sandbox, "eth0");
        n.setMaster("glassbox-v0", "glassbox-t0");
        n.addAddress(sandbox, "eth0", "10.99.0.2/24");
        n.linkUp(sandbox, "eth0");
        n.addDefaultRoute(sandbox, "10.99.0.1", "eth0");
        n.deleteLink("glassbox-v0");
        n.deleteLink("glassbox-t0");
        List<String> out = new ArrayList<>();
        for (TraceEvent e : tracer.finish().events()) {
            if (e.layer() == Layer.KERNEL && e.subsystem() == Subsystem.NETWORK) {
                out.add(e.action() + " | " + e.object() + " | " + e.sentence() + (withEquivalent ? " | " + e.equivalent() : ""));
            }
        }
        return out;
    }

    @Test
    void sameShapeAsTheSimKernel() {
        List<String> sim;
        int pid;
        try (dev.glassbox.kernel.Kernel k = new SimKernel(1, name -> Optional.empty())) {
            Tracer t = new Tracer(() -> 0L);
            k.trace(t);
            Sandbox s = k.processes().clone(new CloneSpec("glassbox-c1", EnumSet.of(NsType.NET, NsType.PID, NsType.MNT), Map.of()));
            pid = s.pid();
            sim = script(k.net(), s, t, false);
        }
        Tracer t = new Tracer(() -> 0L);
        int simPid = pid;
        LinuxNet linux = new LinuxNet(argv -> new Cmd.Result(argv, 0, "", ""), t, p -> p == simPid);
        assertEquals(sim, script(linux, new Sandbox("c1", pid, Map.of()), t, false));
        assertEquals(9, sim.size(), "the network steps: " + sim);
    }

    @Test
    void equivalentsAreTheCommandsRun() {
        Tracer t = new Tracer(() -> 0L);
        List<String> runs = new ArrayList<>();
        LinuxNet linux = new LinuxNet(argv -> {
            if (!argv.contains("show")) { // read-only look-ups (is it a veth?) are not steps of their own
                runs.add(String.join(" ", argv));
            }
            return new Cmd.Result(argv, 0, "", "");
        }, t, p -> true);
        List<String> events = script(linux, sb, t, true);
        List<String> eqs = events.stream().map(e -> e.substring(e.lastIndexOf(" | ") + 3)).toList();
        assertEquals(String.join(" && ", runs), String.join(" && ", eqs));
    }
}
