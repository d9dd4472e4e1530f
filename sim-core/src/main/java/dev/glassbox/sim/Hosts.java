package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;

/** Name lookup the way the C library does it here: /etc/hosts of the process's own root. */
final class Hosts {
    private Hosts() {}

    static String lookup(Sys sys, String name) {
        if (name.equals("localhost")) {
            return "127.0.0.1";
        }
        String text;
        try {
            text = sys.readText("/etc/hosts");
        } catch (SysError e) {
            return null;
        }
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || f[0].startsWith("#") || !Ip.isAddress(f[0])) {
                continue;
            }
            for (int i = 1; i < f.length; i++) {
                if (f[i].equals(name)) {
                    return f[0];
                }
            }
        }
        return null;
    }
}
