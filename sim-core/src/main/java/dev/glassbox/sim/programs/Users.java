package dev.glassbox.sim.programs;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.ArrayList;
import java.util.List;

/** User and group names as libc finds them: in /etc/passwd and /etc/group of the caller's root. */
public final class Users {
    private final List<String[]> passwd;
    private final List<String[]> group;

    public Users(Sys sys) {
        passwd = table(sys, "/etc/passwd");
        group = table(sys, "/etc/group");
    }

    private static List<String[]> table(Sys sys, String path) {
        List<String[]> rows = new ArrayList<>();
        try {
            for (String line : sys.readText(path).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split(":", -1));
                }
            }
        } catch (SysError e) {
            // no such file: every id stays numeric, as with libc
        }
        return rows;
    }

    /** The user's name, or null. */
    public String user(int uid) {
        return nameOf(passwd, uid);
    }

    public String group(int gid) {
        return nameOf(group, gid);
    }

    public String userOr(int uid) {
        String n = user(uid);
        return n == null ? Integer.toString(uid) : n;
    }

    public String groupOr(int gid) {
        String n = group(gid);
        return n == null ? Integer.toString(gid) : n;
    }

    /** uid of a user name, or -1. */
    public int uid(String name) {
        return idOf(passwd, name);
    }

    public int gid(String name) {
        return idOf(group, name);
    }

    public String home(int uid) {
        for (String[] r : passwd) {
            if (r.length > 5 && r[2].equals(Integer.toString(uid))) {
                return r[5];
            }
        }
        return null;
    }

    /** Groups that list the user as a member (what initgroups would add). */
    public List<Integer> memberOf(String user) {
        List<Integer> ids = new ArrayList<>();
        for (String[] r : group) {
            if (r.length > 3 && List.of(r[3].split(",")).contains(user)) {
                ids.add(Integer.parseInt(r[2]));
            }
        }
        return ids;
    }

    private static String nameOf(List<String[]> rows, int id) {
        for (String[] r : rows) {
            if (r.length > 2 && r[2].equals(Integer.toString(id))) {
                return r[0];
            }
        }
        return null;
    }

    private static int idOf(List<String[]> rows, String name) {
        for (String[] r : rows) {
            if (r.length > 2 && r[0].equals(name)) {
                try {
                    return Integer.parseInt(r[2]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
