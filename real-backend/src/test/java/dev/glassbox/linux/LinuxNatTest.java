package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.NatRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LinuxNat's iptables lines with a fake command runner: no root needed. */
class LinuxNatTest {
    private final List<String> ran = new ArrayList<>();
    private final List<String> restored = new ArrayList<>();
    private String listing = "";

    private int restoreFailures;

    private Cmd.Result fake(List<String> argv) {
        ran.add(String.join(" ", argv));
        if (argv.get(0).equals("iptables-restore") && restoreFailures > 0) {
            restoreFailures--;
            return new Cmd.Result(argv, 1, "", "iptables-restore: line 2 failed");
        }
        if (argv.get(0).equals("iptables-restore")) {
            try {
                restored.add(Files.readString(Path.of(argv.get(argv.size() - 1))));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return new Cmd.Result(argv, 0, argv.contains("-S") ? listing : "", "");
    }

    private LinuxNat nat(boolean iptables) {
        return new LinuxNat(this::fake, "GLASSBOX-glassbox0", "172.30.0.1", () -> iptables);
    }

    @Test
    void theFirstRuleMakesTheChainAndItsJumpsInOneCallAndEachLaterRuleIsOneCall() {
        LinuxNat n = nat(true);
        NatRule web = new NatRule("tcp", "0.0.0.0", 8080, "172.30.0.2", 80, "glassbox0");
        NatRule db = new NatRule("tcp", "0.0.0.0", 5432, "172.30.0.3", 5432, "glassbox0");
        n.add(web);
        assertEquals(1, ran.size(), ran.toString());
        assertTrue(ran.get(0).startsWith("iptables-restore -w --noflush /"), ran.get(0));
        assertEquals("""
                *nat
                :GLASSBOX-glassbox0 - [0:0]
                -A PREROUTING -d 172.30.0.1/32 -j GLASSBOX-glassbox0
                -A OUTPUT -d 172.30.0.1/32 -j GLASSBOX-glassbox0
                -A GLASSBOX-glassbox0 ! -i glassbox0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.30.0.2:80
                COMMIT
                """, restored.get(0));
        assertTrue(n.equivalent(db).startsWith("iptables -t nat -A GLASSBOX-glassbox0 "), n.equivalent(db));
        n.add(db);
        assertEquals("iptables -w -t nat -A GLASSBOX-glassbox0 ! -i glassbox0 -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.30.0.3:5432",
                ran.get(1));
        assertEquals(List.of(web, db), n.rules());
        n.remove(web);
        assertEquals(List.of(db), n.rules(), "the rule is gone from the state at once");
        n.settle(); // the deletion itself runs in the background
        assertEquals("iptables -w -t nat -D GLASSBOX-glassbox0 ! -i glassbox0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.30.0.2:80",
                ran.get(2));
        n.remove(web);
        n.settle();
        assertEquals(3, ran.size(), "a rule already deleted is not deleted twice");
        assertEquals(List.of(db), n.rules());
    }

    @Test
    void refusesWhatItCannotServeBeforeRunningAnything() {
        LinuxNat n = nat(true);
        assertThrows(IllegalArgumentException.class, () -> n.add(new NatRule("udp", "0.0.0.0", 53, "172.30.0.2", 53, "glassbox0")));
        assertThrows(IllegalArgumentException.class, () -> n.add(new NatRule("tcp", "192.0.2.2", 80, "172.30.0.2", 80, "glassbox0")));
        assertThrows(IllegalArgumentException.class, () -> n.add(new NatRule("tcp", "0.0.0.0", 80, "172.30.0.2", 80, "docker0")));
        assertThrows(IllegalArgumentException.class, () -> n.add(new NatRule("tcp", "0.0.0.0", 0, "172.30.0.2", 80, "glassbox0")));
        assertThrows(IllegalArgumentException.class, () -> n.add(new NatRule("tcp", "0.0.0.0", 80, "172.30.0.2; reboot", 80, "glassbox0")));
        assertThrows(IllegalArgumentException.class, () -> new LinuxNat(this::fake, "DOCKER", "172.30.0.1", () -> true));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> nat(false).add(new NatRule("tcp", "0.0.0.0", 80, "172.30.0.2", 80, "glassbox0")));
        assertEquals("glassbox: published ports need iptables (apt-get install iptables)", e.getMessage());
        assertEquals(List.of(), ran);
    }

    @Test
    void sweepDeletesOnlyThisChainAndTheJumpsIntoIt() {
        listing = """
                -P PREROUTING ACCEPT
                -P OUTPUT ACCEPT
                -N GLASSBOX-glassbox0
                -N GLASSBOX-glassboxother
                -A PREROUTING -d 172.30.0.1/32 -j GLASSBOX-glassbox0
                -A PREROUTING -d 172.30.0.1/32 -j GLASSBOX-glassboxother
                -A OUTPUT -d 172.30.0.1/32 -j GLASSBOX-glassbox0
                -A OUTPUT -m addrtype --dst-type LOCAL -j DOCKER
                -A GLASSBOX-glassbox0 ! -i glassbox0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.30.0.2:80
                -A GLASSBOX-glassboxother ! -i glassboxother -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.30.0.2:80
                """;
        assertEquals(List.of("-N GLASSBOX-glassbox0", "-A PREROUTING -d 172.30.0.1/32 -j GLASSBOX-glassbox0",
                "-A OUTPUT -d 172.30.0.1/32 -j GLASSBOX-glassbox0",
                "-A GLASSBOX-glassbox0 ! -i glassbox0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.30.0.2:80"),
                LinuxNat.onHost(this::fake, "GLASSBOX-glassbox0"));
        assertEquals(4, LinuxNat.sweep(this::fake, "GLASSBOX-glassbox0"));
        assertEquals("""
                *nat
                -D PREROUTING -d 172.30.0.1/32 -j GLASSBOX-glassbox0
                -D OUTPUT -d 172.30.0.1/32 -j GLASSBOX-glassbox0
                -F GLASSBOX-glassbox0
                -X GLASSBOX-glassbox0
                COMMIT
                """, restored.get(0));
        listing = "-P PREROUTING ACCEPT\n";
        ran.clear();
        assertEquals(0, LinuxNat.sweep(this::fake, "GLASSBOX-glassbox0"));
        assertEquals(List.of("iptables -w -t nat -S"), ran, "nothing to delete: nothing restored");
    }

    @Test
    void aSweepWhoseTransactionFailsListsAgainAndRetriesOnceThenGivesUpQuietly() {
        listing = "-N GLASSBOX-glassbox0\n-A OUTPUT -d 172.30.0.1/32 -j GLASSBOX-glassbox0\n";
        restoreFailures = 1;
        assertEquals(2, LinuxNat.sweep(this::fake, "GLASSBOX-glassbox0"));
        assertEquals(List.of("iptables -w -t nat -S", "iptables -w -t nat -S"), ran.stream().filter(r -> r.contains("-S")).toList());
        restoreFailures = 2;
        assertEquals(0, LinuxNat.sweep(this::fake, "GLASSBOX-glassbox0"), "what is left, leftovers() reports");
    }
}
