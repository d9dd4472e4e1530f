package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Tool;

/** busybox chown: USER[:GROUP] (or USER.GROUP) by name or number, -R, -h; the kernel decides whether it is allowed (CAP_CHOWN). */
final class Chown {
    private Chown() {}

    static int run(Tool t) {
        Opts o = Opts.parse("RhfvLHP", t.args);
        if (o.operands.size() < 2) {
            t.io.err("Usage: chown [-RhLHPcvf]... USER[:[GRP]] FILE...\n");
            return 1;
        }
        String owner = o.operands.get(0);
        String[] ug = owner.split("[:.]", 2);
        int uid = ug[0].isEmpty() ? -1 : ug[0].matches("\\d+") ? Integer.parseInt(ug[0]) : t.users().uid(ug[0]);
        if (!ug[0].isEmpty() && uid < 0) {
            return t.fail("unknown user " + ug[0]);
        }
        String grp = ug.length > 1 ? ug[1] : "";
        int gid = grp.isEmpty() ? -1 : grp.matches("\\d+") ? Integer.parseInt(grp) : t.users().gid(grp);
        if (!grp.isEmpty() && gid < 0) {
            return t.fail("unknown group " + grp);
        }
        int st = 0;
        for (String f : o.operands.subList(1, o.operands.size())) {
            st |= chownTree(t, f, uid, gid, o.has('R'), !o.has('h'), o.has('f'));
        }
        return st;
    }

    private static int chownTree(Tool t, String f, int uid, int gid, boolean recursive, boolean follow, boolean quiet) {
        int st = 0;
        try {
            t.sys.chown(f, uid, gid, follow);
        } catch (SysError e) {
            if (!quiet) {
                t.fail(f + ": " + e.getMessage());
            }
            st = 1;
        }
        if (recursive) {
            try {
                if (t.sys.lstat(f).isDir()) {
                    for (Sys.DirEntry d : t.sys.readdir(f)) {
                        if (d.name().equals(".") || d.name().equals("..")) {
                            continue;
                        }
                        st |= chownTree(t, f + "/" + d.name(), uid, gid, true, false, quiet);
                    }
                }
            } catch (SysError e) {
                st = 1;
            }
        }
        return st;
    }

}
