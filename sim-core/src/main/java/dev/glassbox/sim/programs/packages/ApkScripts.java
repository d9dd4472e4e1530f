package dev.glassbox.sim.programs.packages;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;

/** What the packages' install scripts do: bash's post-install adds it to /etc/shells. */
final class ApkScripts {
    private ApkScripts() {}

    static void run(Sys sys, MirrorPackage p) {
        if (p.name().equals("bash") && p.script().equals("post-install")) {
            String shells;
            try {
                shells = sys.readText("/etc/shells");
            } catch (SysError e) {
                shells = "";
            }
            if (!shells.contains("/bin/bash\n")) {
                sys.writeText("/etc/shells", "/bin/bash\n", true);
            }
        }
    }
}
