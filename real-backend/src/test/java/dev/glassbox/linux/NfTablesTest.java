package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.SysError;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DNAT rules sent over netlink on the host's kernel, where iptables is the nf_tables variant: iptables
 * itself must read them back as the rules its own command would have added, and the deletions by
 * handle must leave the chain as it was. No packet is sent.
 */
class NfTablesTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "nft";
    }

    private static List<String> listing(String chain) {
        return LinuxNat.onHost(Cmd.HOST, chain);
    }

    private static boolean iptablesNft() {
        return Cmd.onPath("iptables") && Cmd.run(List.of("iptables", "-V"), Cmd.DEFAULT_TIMEOUT_MILLIS).stdout().contains("(nf_tables)");
    }

    @Test
    void iptablesReadsTheRulesSentOverNetlinkAsItsOwnAndTheyAreDeletedByHandle() {
        assumeTrue(iptablesNft(), "iptables here is not the nf_tables variant");
        NfTables nft = NfTables.open();
        assumeTrue(nft != null, "libc cannot be bound");
        String chain = LinuxNat.chain(host.options);
        LinuxNat nat = new LinuxNat(Cmd.HOST, chain, host.options.gateway(), () -> true, nft);
        NatRule web = new NatRule("tcp", "0.0.0.0", 18080, "172.30.0.2", 80, host.options.bridge());
        NatRule db = new NatRule("tcp", "127.0.0.1", 15432, "172.30.0.3", 5432, host.options.bridge());
        try {
            addListAndDelete(nat, chain, web, db);
        } finally {
            nat.settle();
            LinuxNat.sweep(Cmd.HOST, chain); // as the kernel's close does
        }
    }

    private static void addListAndDelete(LinuxNat nat, String chain, NatRule web, NatRule db) {
        String bridge = web.bridge();
        String first = nat.equivalent(web);
        assertTrue(first.endsWith(" COMMIT' ; iptables -t nat -A " + chain + " " + web.ruleSpec() + " (via netlink: NFT_MSG_NEWRULE)"), first);
        nat.add(web);
        assertEquals("iptables -t nat -A " + chain + " " + db.ruleSpec() + " (via netlink: NFT_MSG_NEWRULE)", nat.equivalent(db));
        nat.add(db);
        List<String> jumps = nat.jumps();
        assertEquals(List.of("-N " + chain, jumps.get(0), jumps.get(1), "-A " + chain + " " + web.ruleSpec(), "-A " + chain + " " + db.ruleSpec()),
                listing(chain).stream().sorted((a, b) -> Integer.compare(order(a, chain), order(b, chain))).toList());
        // iptables finds the rule by its own words, as it would one it added itself
        assertEquals(0, Cmd.run(List.of("iptables", "-w", "-t", "nat", "-C", chain, "!", "-i", bridge, "-p", "tcp", "-m", "tcp", "--dport", "15432",
                "-d", "127.0.0.1/32", "-j", "DNAT", "--to-destination", "172.30.0.3:5432"), Cmd.DEFAULT_TIMEOUT_MILLIS).exit());

        assertEquals("iptables -t nat -D " + chain + " " + web.ruleSpec() + " (via netlink: NFT_MSG_DELRULE)", nat.removal(web));
        nat.remove(web);
        nat.settle();
        assertEquals(List.of("-N " + chain, jumps.get(0), jumps.get(1), "-A " + chain + " " + db.ruleSpec()),
                listing(chain).stream().sorted((a, b) -> Integer.compare(order(a, chain), order(b, chain))).toList());
        assertEquals(List.of(db), nat.rules());
        nat.remove(db);
        nat.settle();
        assertEquals(List.of("-N " + chain, jumps.get(0), jumps.get(1)),
                listing(chain).stream().sorted((a, b) -> Integer.compare(order(a, chain), order(b, chain))).toList());
    }

    @Test
    void aRuleForAChainThatIsNotThereIsRefusedWithTheKernelsErrno() {
        assumeTrue(iptablesNft(), "iptables here is not the nf_tables variant");
        NfTables nft = NfTables.open();
        assumeTrue(nft != null, "libc cannot be bound");
        String chain = LinuxNat.chain(host.options);
        assumeTrue(listing(chain).isEmpty(), chain + " is on the host already");
        NatRule r = new NatRule("tcp", "0.0.0.0", 18081, "172.30.0.2", 80, host.options.bridge());
        SysError e = assertThrows(SysError.class, () -> nft.appendDnat(chain, r, "iptables -t nat -A " + chain + " " + r.ruleSpec()));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("failed: Netlink: No such file or directory"), e.getMessage());
    }

    /** The order iptables -S lists in: the declaration, the jumps, then the chain's rules. */
    private static int order(String line, String chain) {
        return line.startsWith("-N ") ? 0 : line.startsWith("-A " + chain + " ") ? 2 : 1;
    }
}
