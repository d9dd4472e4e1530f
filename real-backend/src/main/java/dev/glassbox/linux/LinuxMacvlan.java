package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.MacvlanEvents;
import dev.glassbox.kernel.MacvlanMode;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * macvlan on the host's kernel without ever lending the host's links: the daemon makes one network
 * namespace of its own, bind-mounted at {@code STATE_ROOT/run/netns/glassbox-lan} (so the state root's
 * sweep unmounts it after a crash), and in it a stand-in link for each parent a network names
 * ({@code -o parent=eth0} is an {@code eth0} there: one end of a veth pair whose other end is the segment's
 * wire, as the host's kernel may have no dummy driver). A container's child is made there and created
 * straight in the container's namespace under a temporary name, then renamed: its parent's name may be
 * the name the child takes. The namespace goes when the last parent is released.
 */
final class LinuxMacvlan {
    /** The parent every sim host has on its LAN, which this kernel stands in for. */
    static final String LAN_PARENT = "eth0";

    private final Cmd.Runner runner;
    private final Tracer tracer;
    private final Path nsFile;

    LinuxMacvlan(Cmd.Runner runner, Tracer tracer, Path stateRoot) {
        this.runner = runner;
        this.tracer = tracer;
        this.nsFile = stateRoot.toAbsolutePath().normalize().resolve("run/netns/glassbox-lan");
    }

    private List<String> inLan(String... args) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + nsFile, "ip"));
        argv.addAll(List.of(args));
        return argv;
    }

    private void event(MacvlanEvents.Event e, String equivalent) {
        e.with(equivalent).note(tracer);
    }

    private Cmd.Result exec(List<String> argv) {
        try {
            return runner.run(argv);
        } catch (CmdException e) {
            throw LinuxNet.sysError(e);
        }
    }

    private void must(List<String> argv) {
        Cmd.Result r = exec(argv);
        if (!r.ok()) {
            throw LinuxNet.sysError(new CmdException(argv, r.exit(), r.stderr(), null));
        }
    }

    private boolean nsExists() {
        return Files.exists(nsFile) && exec(inLan("link", "show", "dev", "lo")).ok();
    }

    /** The parent link: made as a dummy in the daemon's namespace; ENODEV for a name this kernel has no stand-in for. */
    void claim(String parent, boolean dummy) {
        LinuxNet.ifname(parent);
        if (!dummy && !parent.equals(LAN_PARENT)) {
            throw new SysError(Errno.ENODEV, "Cannot find device \"" + parent + "\"");
        }
        if (!nsExists()) {
            try {
                Files.createDirectories(nsFile.getParent());
                Files.write(nsFile, new byte[0]);
            } catch (IOException e) {
                throw new SysError(Errno.EIO, "glassbox: cannot make " + nsFile + ": " + e.getMessage());
            }
            must(List.of("unshare", "--net=" + nsFile, "true"));
            must(inLan("link", "set", "lo", "up"));
        }
        if (exec(inLan("link", "show", "dev", parent)).ok()) {
            event(dummy ? MacvlanEvents.dummyParent(parent) : MacvlanEvents.standIn(parent, nsFile.toString()), Cmd.line(inLan("link", "show", "dev", parent)));
            return;
        }
        // this host's kernel may have no dummy driver: one end of a veth pair, its peer the segment's wire, stands in
        String wire = "w" + Integer.toHexString(parent.hashCode() & 0xfffffff);
        List<String> add = inLan("link", "add", parent, "type", "veth", "peer", "name", wire);
        List<String> up = inLan("link", "set", wire, "up");
        must(add);
        must(up);
        up = inLan("link", "set", parent, "up");
        event(dummy ? MacvlanEvents.dummyParent(parent) : MacvlanEvents.standIn(parent, nsFile.toString()),
                Cmd.line(List.of("unshare", "--net=" + nsFile, "true")) + " && " + Cmd.line(add) + " && " + Cmd.line(up));
        must(up);
    }

    /** The parent goes; with the last one, the namespace (and every child still in it). */
    void release(String parent, boolean dummy) {
        List<String> del = inLan("link", "del", parent);
        event(MacvlanEvents.parentReleased(parent, true), Cmd.line(del));
        if (!nsExists()) {
            return;
        }
        exec(del);
        Cmd.Result links = exec(inLan("-o", "link", "show"));
        boolean onlyLo = links.ok() && links.stdout().lines().noneMatch(l -> !l.matches("\\d+: lo: .*"));
        if (onlyLo) {
            drop();
        }
    }

    /** Unmounts and removes the namespace's file: the kernel frees the namespace and what is left in it. */
    void drop() {
        exec(List.of("umount", "-l", nsFile.toString()));
        try {
            Files.deleteIfExists(nsFile);
        } catch (IOException e) {
            // the sweep of the state root takes it
        }
    }

    void create(String parent, MacvlanMode mode, Sandbox sandbox, int pid, String ifname) {
        LinuxNet.ifname(ifname);
        String tmp = "gbmv" + HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt(),
                (byte) ThreadLocalRandom.current().nextInt()});
        List<String> add = inLan("link", "add", tmp, "link", parent, "netns", Integer.toString(pid), "type", "macvlan", "mode", mode.wire());
        List<String> rename = LinuxNet.ip(sandbox, "link", "set", tmp, "name", ifname);
        event(MacvlanEvents.child(parent, mode, ifname), Cmd.line(add) + " && " + Cmd.line(rename));
        must(add);
        try {
            must(rename);
        } catch (RuntimeException e) {
            exec(LinuxNet.ip(sandbox, "link", "del", tmp));
            throw e;
        }
    }

    void delete(Sandbox sandbox, String ifname) {
        LinuxNet.ifname(ifname);
        List<String> del = LinuxNet.ip(sandbox, "link", "del", ifname);
        event(MacvlanEvents.childGone(ifname), Cmd.line(del));
        must(del);
    }
}
