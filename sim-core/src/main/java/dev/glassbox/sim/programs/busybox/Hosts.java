package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.ArrayList;
import java.util.List;

/** Name lookup the way the resolver's "files" source does it: /etc/hosts, and literal addresses. */
final class Hosts {
    private Hosts() {}

    static boolean isAddress(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || s.contains(":");
    }

    /** Addresses for a name, from /etc/hosts; a literal address maps to itself. */
    static List<String> lookup(Sys sys, String name) {
        List<String> out = new ArrayList<>();
        if (isAddress(name)) {
            out.add(name);
            return out;
        }
        try {
            for (String line : sys.readText("/etc/hosts").split("\n")) {
                String l = line.replaceAll("#.*", "").trim();
                if (l.isEmpty()) {
                    continue;
                }
                String[] f = l.split("\\s+");
                for (int i = 1; i < f.length; i++) {
                    if (f[i].equals(name) && !out.contains(f[0])) {
                        out.add(f[0]);
                    }
                }
            }
        } catch (SysError e) {
            // no hosts file
        }
        return out;
    }

    /** The first IPv4 address for a name, or null. */
    static String ipv4(Sys sys, String name) {
        for (String a : lookup(sys, name)) {
            if (!a.contains(":")) {
                return a;
            }
        }
        return null;
    }

    static List<String> nameservers(Sys sys) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : sys.readText("/etc/resolv.conf").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("nameserver")) {
                    out.add(f[1]);
                }
            }
        } catch (SysError e) {
            // no resolv.conf
        }
        return out;
    }
}
