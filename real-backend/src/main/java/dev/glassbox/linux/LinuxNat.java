package dev.glassbox.linux;

import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.NetEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Published ports' DNAT rules on the host, in a nat-table chain of the daemon's own
 * ({@code GLASSBOX-<bridge>}, as Docker's DOCKER chain). The chain is reached from PREROUTING and
 * OUTPUT only for packets to the bridge's gateway address, so no other traffic of the host is ever
 * looked at; connections to 127.0.0.1 are not NATed at all (that would need the host-wide
 * {@code route_localnet}), {@link PortProxy} serves those. Nothing here enables forwarding or adds a
 * masquerade rule: host-originated traffic through OUTPUT reaches the container without either.
 *
 * <p>The chain and its two jumps are made with the first rule, in one {@code iptables-restore
 * --noflush}. Where iptables is the nf_tables variant, each rule is then the one netlink message that
 * {@code iptables -A} would send ({@link NfTables}), and its deletion one message naming the rule's
 * handle, sent at once: starting iptables costs 5 to 15 ms here, a message under a millisecond.
 * Elsewhere (iptables-legacy, or libc not bound) the first rule goes into the same
 * {@code iptables-restore}, each later rule is one {@code iptables} call, and so is each deletion,
 * run in the background, in order (10 to 30 ms each here), since nothing the container's removal
 * does next depends on it. {@link #settle} waits for the deletions under way; the state view, the
 * sweep and close call it.
 * {@link #sweep} takes the chain apart (at open and close, also after a crash).
 */
final class LinuxNat {
    static final String NO_IPTABLES = "glassbox: published ports need iptables (apt-get install iptables)";

    private final Cmd.Runner runner;
    private final String chain;
    private final String gateway;
    private final BooleanSupplier hasIptables;
    private final List<NatRule> rules = new ArrayList<>();
    /** nf_tables over netlink, or null: every rule is an iptables command. */
    private final NfTables nft;
    /** The handles of the rules added over netlink. */
    private final java.util.Map<NatRule, Long> handles = new java.util.HashMap<>();
    private boolean chainMade;
    /** Whether rules go over netlink; null until asked. */
    private Boolean viaNetlink;
    /** Runs the deletions one after another, off the engine's thread. */
    private final InOrder deleter = new InOrder("glassbox-nat");

    LinuxNat(Cmd.Runner runner, String chain, String gateway, BooleanSupplier hasIptables) {
        this(runner, chain, gateway, hasIptables, null);
    }

    LinuxNat(Cmd.Runner runner, String chain, String gateway, BooleanSupplier hasIptables, NfTables nft) {
        this.runner = runner;
        this.nft = nft;
        this.chain = checkedChain(chain);
        this.gateway = LinuxNet.ipv4(gateway);
        this.hasIptables = hasIptables;
    }

    /** The chain of the daemon with these options: {@code GLASSBOX-} and its bridge's name. */
    static String chain(LinuxKernel.Options o) {
        return "GLASSBOX-" + o.bridge();
    }

    private static String checkedChain(String chain) {
        if (!chain.matches("GLASSBOX-[A-Za-z0-9_.-]{1,19}")) {
            throw new IllegalArgumentException("glassbox: a nat chain of glassbox's is named GLASSBOX-…, not " + chain);
        }
        return chain;
    }

    /** The jumps into the chain: only packets for the gateway address go there. */
    List<String> jumps() {
        return List.of("-A PREROUTING -d " + gateway + "/32 -j " + chain, "-A OUTPUT -d " + gateway + "/32 -j " + chain);
    }

    /** The iptables command that adds this rule to the chain. */
    String command(NatRule r) {
        return r.iptables(chain);
    }

    /**
     * What {@link #add} runs. The first time: the chain and its jumps, with the rule where it does not
     * go over netlink, in {@code iptables-restore --noflush FILE} with the lines shown after it. Then
     * the rule: one iptables command, or the netlink message that command sends.
     */
    String equivalent(NatRule r) {
        String rule = command(r) + (viaNetlink() ? " (via netlink: NFT_MSG_NEWRULE)" : "");
        if (chainMade) {
            return rule;
        }
        String made = "iptables-restore --noflush <<< '*nat :" + chain + " - [0:0] " + String.join(" ", jumps());
        return viaNetlink() ? made + " COMMIT' ; " + rule : made + " -A " + chain + " " + r.ruleSpec() + " COMMIT'";
    }

    synchronized void add(NatRule r) {
        check(r);
        boolean inRestore = !chainMade && !viaNetlink();
        if (!chainMade) {
            List<String> lines = new ArrayList<>(List.of(":" + chain + " - [0:0]", jumps().get(0), jumps().get(1)));
            if (inRestore) {
                lines.add("-A " + chain + " " + r.ruleSpec());
            }
            restore(lines);
            chainMade = true;
        }
        if (viaNetlink()) {
            handles.put(r, nft.appendDnat(chain, r, command(r)));
        } else if (!inRestore) {
            runner.run(argv(command(r))).orThrow();
        }
        rules.add(r);
    }

    /** Whether rules go over netlink: where libc is bound and iptables says it is the nf_tables variant (asked once). */
    private synchronized boolean viaNetlink() {
        if (viaNetlink == null) {
            viaNetlink = nft != null && hasIptables.getAsBoolean() && runner.run(List.of("iptables", "-V")).stdout().contains("(nf_tables)");
        }
        return viaNetlink;
    }

    /** Whether {@link #remove} deletes the rule at once (a netlink message, under a millisecond) or in the background (an iptables call). */
    synchronized NetEvents.Commit removalCommit(NatRule r) {
        return handles.containsKey(r) ? NetEvents.Commit.NOW : NetEvents.Commit.BACKGROUND;
    }

    /** What {@link #remove} runs: the iptables deletion, or the netlink message standing for it. */
    String removal(NatRule r) {
        return command(r).replace(" -A ", " -D ") + (handles.containsKey(r) ? " (via netlink: NFT_MSG_DELRULE)" : "");
    }

    /**
     * Deletes the rule: at once over netlink, else in the background (see the class comment); one
     * already gone (swept meanwhile) is not an error.
     */
    synchronized void remove(NatRule r) {
        check(r);
        if (rules.remove(r)) {
            String what = command(r).replace(" -A ", " -D ");
            Long handle = handles.remove(r);
            if (handle != null) {
                deleteQuietly(handle, what);
            } else {
                deleter.submit(() -> runner.run(argv(what)));
            }
        }
    }

    /** Deletes a rule by its handle; one already gone (swept meanwhile) is not an error. */
    private void deleteQuietly(long handle, String what) {
        try {
            nft.deleteRule(chain, handle, what);
        } catch (dev.glassbox.kernel.SysError e) {
            if (e.errno() != dev.glassbox.kernel.Errno.ENOENT) {
                throw e;
            }
        }
    }

    /** Waits until the deletions started so far are carried out. */
    void settle() {
        deleter.settle();
    }

    synchronized List<NatRule> rules() {
        return List.copyOf(rules);
    }

    /** Forgets the rules after a sweep took the chain apart. */
    synchronized void forget() {
        rules.clear();
        handles.clear();
        chainMade = false;
    }

    private void check(NatRule r) {
        if (!r.proto().equals("tcp")) {
            throw new IllegalArgumentException("glassbox: the Linux kernel publishes tcp ports only, not " + r.proto());
        }
        if (!r.hostIp().equals("0.0.0.0") && !r.hostIp().equals("127.0.0.1")) {
            throw new IllegalArgumentException("glassbox: the Linux kernel publishes ports on loopback only, not on " + r.hostIp());
        }
        LinuxNet.ipv4(r.destIp());
        for (int port : new int[] {r.hostPort(), r.destPort()}) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("glassbox: bad port " + port);
            }
        }
        LinuxNet.hostLink(r.bridge());
        if (!hasIptables.getAsBoolean()) {
            throw new IllegalStateException(NO_IPTABLES);
        }
    }

    private static List<String> argv(String line) {
        List<String> out = new ArrayList<>(List.of(line.split(" ")));
        out.add(1, "-w");
        return out;
    }

    private void restore(List<String> lines) {
        restore(runner, lines);
    }

    /** Applies nat-table lines in one transaction, leaving every other rule of the host as it is. */
    private static void restore(Cmd.Runner runner, List<String> lines) {
        Path f = null;
        try {
            f = Files.createTempFile("glassbox-nat-", ".rules");
            Files.writeString(f, "*nat\n" + String.join("\n", lines) + "\nCOMMIT\n");
            runner.run(List.of("iptables-restore", "-w", "--noflush", f.toString())).orThrow();
        } catch (IOException e) {
            throw new IllegalStateException("glassbox: cannot write the nat rules: " + e.getMessage(), e);
        } finally {
            if (f != null) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // a temp file left in /tmp
                }
            }
        }
    }

    // ---------------------------------------------------------------- what is on the host

    /**
     * This chain's lines in the host's nat table, as {@code iptables -t nat -S} prints them: the jumps
     * into it, its declaration and its rules. Empty when iptables is missing.
     */
    static List<String> onHost(Cmd.Runner runner, String chain) {
        checkedChain(chain);
        if (!Cmd.onPath("iptables")) {
            return List.of();
        }
        Cmd.Result r = runner.run(List.of("iptables", "-w", "-t", "nat", "-S"));
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            List<String> words = List.of(line.trim().split(" "));
            if (words.size() >= 2 && (words.get(1).equals(chain) || words.contains("-j") && words.get(words.indexOf("-j") + 1).equals(chain))) {
                out.add(line.trim());
            }
        }
        return out;
    }

    /**
     * Deletes the chain, its rules and the jumps into it in one transaction; returns how many lines went.
     * A transaction that fails (the table changed between listing and deleting) is tried once more with a
     * fresh listing; what still fails is left for {@link Reconciler#leftovers} to report.
     */
    static int sweep(Cmd.Runner runner, String chain) {
        for (int attempt = 0; ; attempt++) {
            try {
                return sweepOnce(runner, chain);
            } catch (CmdException e) {
                if (attempt > 0) {
                    return 0;
                }
            }
        }
    }

    private static int sweepOnce(Cmd.Runner runner, String chain) {
        List<String> lines = onHost(runner, chain);
        if (lines.isEmpty()) {
            return 0;
        }
        List<String> undo = new ArrayList<>();
        boolean declared = false;
        for (String l : lines) {
            if (l.startsWith("-N ")) {
                declared = true;
            } else if (l.startsWith("-A ") && !l.startsWith("-A " + chain + " ")) {
                undo.add("-D " + l.substring(3));
            }
        }
        if (declared) {
            undo.add("-F " + chain);
            undo.add("-X " + chain);
        }
        restore(runner, undo);
        return lines.size();
    }
}
