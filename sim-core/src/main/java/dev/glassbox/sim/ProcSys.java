package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * /proc/sys, the kernel's tunables (sysctl), as far as the sim kernel has them: the UTS names of the
 * caller's namespace and a few read-only facts. Writing kernel/hostname is sethostname(2): it needs
 * CAP_SYS_ADMIN. runc binds /proc/sys read-only into a container unless it is {@code --privileged}.
 */
final class ProcSys {
    private static final Map<String, List<String>> DIRS = Map.of("", List.of("kernel"),
            "kernel", List.of("domainname", "hostname", "ostype", "osrelease", "pid_max"));

    private ProcSys() {}

    /** The node at {@code rel} under /proc/sys (empty: /proc/sys itself), or null. */
    static Node lookup(SimKernel k, SimProcess caller, List<String> rel, long ino) {
        String path = String.join("/", rel);
        if (DIRS.containsKey(path)) {
            return new Node.Dir(ino, 0555, k.now());
        }
        String text = text(k, caller, path);
        if (text == null) {
            return null;
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Node.File(ino, path.equals("kernel/hostname") || path.equals("kernel/domainname") ? 0644 : 0444, k.now(), b, b.length);
    }

    static List<String> names(List<String> rel) {
        return DIRS.getOrDefault(String.join("/", rel), List.of());
    }

    private static String text(SimKernel k, SimProcess caller, String path) {
        Namespaces.Uts uts = caller == null ? k.hostNs.uts() : caller.ns.uts();
        return switch (path) {
            case "kernel/hostname" -> uts.hostname + "\n";
            case "kernel/domainname" -> "(none)\n";
            case "kernel/ostype" -> "Linux\n";
            case "kernel/osrelease" -> k.info().release() + "\n";
            case "kernel/pid_max" -> "4194304\n";
            default -> null;
        };
    }

    /** write(2) to a sysctl: only the UTS names are writable, by a process with CAP_SYS_ADMIN. */
    static void write(SimProcess caller, List<String> rel, byte[] data) {
        String path = String.join("/", rel);
        if (!path.equals("kernel/hostname")) {
            throw DIRS.containsKey(path) ? SysError.eisdir() : SysError.eacces();
        }
        if (caller == null || (caller.capBnd & Capabilities.bit(Capabilities.SYS_ADMIN)) == 0) {
            throw SysError.eperm();
        }
        String name = new String(data, StandardCharsets.UTF_8);
        name = name.endsWith("\n") ? name.substring(0, name.length() - 1) : name;
        if (name.length() > 64) {
            throw SysError.einval();
        }
        caller.ns.uts().hostname = name;
    }

    static SortedMap<String, Node> list(SimKernel k, SimProcess caller, List<String> rel, java.util.function.Function<String, Long> ino) {
        TreeMap<String, Node> out = new TreeMap<>();
        for (String name : names(rel)) {
            List<String> child = new java.util.ArrayList<>(rel);
            child.add(name);
            out.put(name, lookup(k, caller, child, ino.apply(String.join("/", child))));
        }
        return out;
    }
}
