package dev.glassbox.sim;

import dev.glassbox.kernel.IdMap;
import dev.glassbox.kernel.SysError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * procfs, generated on every lookup from the kernel's process table as seen from the PID namespace
 * it was mounted in: a container's /proc lists only its own processes, numbered from 1.
 */
final class ProcFs implements Fs {
    private final SimKernel kernel;
    private final Namespaces.Pid pidNs;

    ProcFs(SimKernel kernel, Namespaces.Pid pidNs) {
        this.kernel = kernel;
        this.pidNs = pidNs;
    }

    @Override
    public String type() {
        return "proc";
    }

    private SimProcess caller() {
        return kernel.scheduler.current();
    }

    private SimProcess visible(String name) {
        if (name.isEmpty() || name.length() > 9 || (name.length() > 1 && name.charAt(0) == '0')) {
            return null; // a PID has at most 7 digits (pid_max 4194304) and, as procfs reads names, no leading zero
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return null; // a name such as kcore or meminfo: no exception made to find that out
            }
        }
        int n = Integer.parseInt(name);
        for (SimProcess p : kernel.procList()) {
            if (p.state != SimProcess.State.DEAD && p.pidIn(pidNs) == n) {
                return p;
            }
        }
        return null;
    }

    private long ino(int pid, String name) {
        return 0x100000L + pid * 64L + Math.floorMod(name.hashCode(), 64);
    }

    private Node file(int pid, String name, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Node.File(ino(pid, name), 0444, kernel.now(), b, b.length);
    }

    private Node.Dir dir(int pid, String name) {
        return new Node.Dir(ino(pid, name), 0555, kernel.now());
    }

    @Override
    public Node lookup(List<String> rel) {
        if (rel.isEmpty()) {
            return dir(0, "/");
        }
        String first = rel.get(0);
        if (first.equals("self")) {
            SimProcess c = caller();
            if (rel.size() == 1) {
                return new Node.Link(ino(0, "self"), kernel.now(), c == null ? "1" : String.valueOf(c.pidIn(pidNs)));
            }
            return c == null ? null : lookupPid(c, rel.subList(1, rel.size()));
        }
        if (first.equals("sys")) {
            return ProcSys.lookup(kernel, caller(), rel.subList(1, rel.size()), ino(0, String.join("/", rel)));
        }
        SimProcess p = visible(first);
        if (p != null) {
            return rel.size() == 1 ? dir(p.pid, first) : lookupPid(p, rel.subList(1, rel.size()));
        }
        if (rel.size() != 1) {
            return null;
        }
        String text = ProcText.global(kernel, first, caller());
        return text == null ? null : file(0, first, text);
    }

    private Node lookupPid(SimProcess p, List<String> rest) {
        String name = rest.get(0);
        if (name.equals("ns") || name.equals("fd")) {
            if (rest.size() == 1) {
                return dir(p.pid, name);
            }
            String entry = rest.get(1);
            if (name.equals("fd")) {
                int fd = parseFd(entry);
                return fd >= 0 && fd <= 2 && rest.size() == 2 ? new Node.Dev(ino(p.pid, "fd" + fd), 0620, kernel.now(), -1, fd) : null;
            }
            for (Namespaces.Ns ns : p.ns.all()) {
                if (ns.type.procName().equals(entry) && rest.size() == 2) {
                    return new Node.Link(ino(p.pid, "ns" + entry), kernel.now(), entry + ":[" + ns.inode + "]");
                }
            }
            return null;
        }
        if (rest.size() != 1) {
            return null;
        }
        if (name.equals("cwd")) {
            return new Node.Link(ino(p.pid, name), kernel.now(), p.cwd);
        }
        if (name.equals("root")) {
            return new Node.Link(ino(p.pid, name), kernel.now(), "/");
        }
        if (name.equals("uid_map") || name.equals("gid_map")) {
            SimProcess c = caller();
            return file(p.pid, name, idMaps(p.ns.user(), c == null ? kernel.hostNs.user() : c.ns.user(), name.equals("gid_map")));
        }
        String text = ProcText.perProcess(kernel, p, name, pidNs);
        return text == null ? null : file(p.pid, name, text);
    }

    /**
     * /proc/PID/uid_map as {@code viewer}'s user namespace reads it: a process of the same namespace
     * sees the outside ids as the parent namespace numbers them, any other sees them in its own.
     */
    static String idMaps(Namespaces.User target, Namespaces.User viewer, boolean group) {
        StringBuilder sb = new StringBuilder();
        for (IdMap m : group ? target.gidMap : target.uidMap) {
            long lower = m.outside();
            if (viewer != target) {
                long host = target.parent == null ? lower : target.parent.toHost(lower, group);
                lower = host < 0 ? -1 : viewer.fromHost(host, group);
            }
            if (lower >= 0) {
                sb.append(new IdMap(m.inside(), lower, Math.min(m.count(), 4294967296L - lower)).line());
            }
        }
        return sb.toString();
    }

    private static int parseFd(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public SortedMap<String, Node> list(List<String> rel) {
        TreeMap<String, Node> out = new TreeMap<>();
        if (rel.isEmpty()) {
            for (SimProcess p : kernel.procList()) {
                int n = p.pidIn(pidNs);
                if (n > 0 && p.state != SimProcess.State.DEAD) {
                    out.put(String.valueOf(n), dir(p.pid, String.valueOf(n)));
                }
            }
            out.put("self", lookup(List.of("self")));
            for (String g : ProcText.GLOBAL) {
                out.put(g, lookup(List.of(g)));
            }
            out.put("sys", lookup(List.of("sys")));
            return out;
        }
        if (rel.get(0).equals("sys") && lookup(rel) instanceof Node.Dir) {
            return ProcSys.list(kernel, caller(), rel.subList(1, rel.size()), name -> ino(0, "sys/" + name));
        }
        Node n = lookup(rel);
        if (n == null) {
            throw SysError.enoent();
        }
        if (!(n instanceof Node.Dir)) {
            throw SysError.enotdir();
        }
        String last = rel.get(rel.size() - 1);
        List<String> names = last.equals("ns") ? List.of("cgroup", "ipc", "mnt", "net", "pid", "user", "uts")
                : last.equals("fd") ? List.of("0", "1", "2") : ProcText.PER_PROCESS;
        for (String name : names) {
            List<String> child = new java.util.ArrayList<>(rel);
            child.add(name);
            Node c = lookup(child);
            if (c != null) {
                out.put(name, c);
            }
        }
        return out;
    }

    @Override
    public Node.Dir mkdir(List<String> rel, int mode) {
        throw SysError.eacces();
    }

    @Override
    public Node.File write(List<String> rel, byte[] data, boolean append, int mode) {
        if (rel.size() > 1 && rel.get(0).equals("sys")) {
            ProcSys.write(caller(), rel.subList(1, rel.size()), data);
            return (Node.File) lookup(rel);
        }
        throw SysError.eacces();
    }

    @Override
    public void symlink(List<String> rel, String target) {
        throw SysError.eacces();
    }

    @Override
    public void remove(List<String> rel) {
        throw SysError.eacces();
    }

    @Override
    public void chmod(List<String> rel, int mode) {
        throw SysError.eperm();
    }
}
