package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.kernel.HostFs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --user NAME[:GROUP]} made numeric from the container's own /etc/passwd and /etc/group, as
 * dockerd's getUser and runc's GetExecUser do: a name must be there, a number need not be; the group
 * defaults to the user's; HOME comes from the user's entry, {@code /} when there is none.
 */
final class UserLookup {
    /** The uid, gid and home directory a container's process runs with. */
    record ExecUser(int uid, int gid, String home) {}

    private final HostFs fs;

    UserLookup(HostFs fs) {
        this.fs = fs;
    }

    /** The user the container's processes run as: {@code user}, or the image's USER when it is empty. */
    ExecUser lookup(Container c, String user) {
        String spec = user == null || user.isEmpty() ? c.image.config().user() : user;
        String[] parts = (spec == null ? "" : spec).split(":", 2);
        String userArg = parts[0];
        List<String[]> passwd = entries(c, "/etc/passwd", 7);
        int uid = 0;
        int gid = 0;
        String home = "/";
        String[] entry = null;
        for (String[] e : passwd) {
            if (userArg.isEmpty() ? e[2].equals("0") : e[0].equals(userArg) || e[2].equals(userArg)) {
                entry = e;
                break;
            }
        }
        if (entry != null) {
            uid = number(entry[2]);
            gid = number(entry[3]);
            home = entry[5];
        } else if (!userArg.isEmpty()) {
            uid = numeric(userArg, "unable to find user " + userArg + ": no matching entries in passwd file");
        }
        if (parts.length > 1 && !parts[1].isEmpty()) {
            gid = group(c, parts[1]);
        }
        return new ExecUser(uid, gid, home.isEmpty() ? "/" : home);
    }

    private int group(Container c, String groupArg) {
        for (String[] e : entries(c, "/etc/group", 3)) {
            if (e[0].equals(groupArg) || e[2].equals(groupArg)) {
                return number(e[2]);
            }
        }
        return numeric(groupArg, "unable to find group " + groupArg + ": no matching entries in group file");
    }

    private static int numeric(String arg, String notFound) {
        if (!arg.matches("\\d{1,10}")) {
            throw DockerException.invalid(notFound);
        }
        long v = Long.parseLong(arg);
        if (v > Integer.MAX_VALUE) {
            throw DockerException.invalid(arg + " is out of range for a uid or gid");
        }
        return (int) v;
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The file's colon-separated lines with at least {@code fields} fields, from the topmost layer that has it. */
    private List<String[]> entries(Container c, String path, int fields) {
        List<String[]> out = new ArrayList<>();
        String text = read(c, path);
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (!line.startsWith("#") && f.length >= fields) {
                out.add(f);
            }
        }
        return out;
    }

    private String read(Container c, String path) {
        List<String> layers = new ArrayList<>();
        layers.add(c.upperdir());
        layers.addAll(c.lowerdirs);
        for (String dir : layers) {
            String p = dir + path;
            try {
                if (fs.exists(p)) {
                    return new String(fs.readFile(p), StandardCharsets.UTF_8);
                }
            } catch (RuntimeException e) {
                return "";
            }
        }
        return "";
    }
}
