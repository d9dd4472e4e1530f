package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Tool;

/** busybox ping: ICMP echo requests a second apart, each reply's line, then the statistics. */
final class Ping {
    /** What the sim network reports as a round trip across one bridge: a fixed, plausible figure. */
    private static final String RTT = "0.080";

    private Ping() {}

    static int run(Tool t) {
        Opts o = Opts.parse("c:W:w:qs:4", t.args);
        if (o.operands.size() != 1) {
            t.io.err("Usage: ping [OPTIONS] HOST\n");
            return 1;
        }
        String host = o.operands.get(0);
        String ip = Hosts.ipv4(t.sys, host);
        if (ip == null) {
            return t.fail("bad address '" + host + "'");
        }
        try {
            t.sys.rawSocket();
        } catch (SysError e) {
            return t.fail(e.errno() == Errno.EPERM ? "permission denied (are you root?)" : "can't create raw socket");
        }
        int count = Integer.parseInt(o.get('c', "-1"));
        int size = Integer.parseInt(o.get('s', "56"));
        long wait = Long.parseLong(o.get('W', "10")) * 1000;
        t.out("PING " + host + " (" + ip + "): " + size + " data bytes\n");
        int sent = 0;
        int received = 0;
        for (int seq = 0; count < 0 || seq < count; seq++) {
            if (seq > 0) {
                t.sys.sleep(1000);
            }
            sent++;
            boolean reply;
            try {
                reply = t.sys.echo(ip);
            } catch (SysError e) {
                t.io.err("ping: sendto: " + e.getMessage() + "\n");
                return 1;
            }
            if (reply) {
                received++;
                if (!o.has('q')) {
                    t.out((size + 8) + " bytes from " + ip + ": seq=" + seq + " ttl=64 time=" + RTT + " ms\n");
                }
            } else if (count > 0 && seq == count - 1) {
                t.sys.sleep(wait);
            }
        }
        int loss = sent == 0 ? 0 : (sent - received) * 100 / sent;
        t.out("\n--- " + host + " ping statistics ---\n" + sent + " packets transmitted, " + received + " packets received, " + loss
                + "% packet loss\n" + (received > 0 ? "round-trip min/avg/max = " + RTT + "/" + RTT + "/" + RTT + " ms\n" : ""));
        return received > 0 ? 0 : 1;
    }
}
