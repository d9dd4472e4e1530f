package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.kernel.HostFs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
        int uid = 0;
        int gid = 0;
        String home = "/";
        String[] entry = first(c, "/etc/passwd", 7, e -> userArg.isEmpty() ? e[2].equals("0") : e[0].equals(userArg) || e[2].equals(userArg));
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
        String[] e = first(c, "/etc/group", 3, g -> g[0].equals(groupArg) || g[2].equals(groupArg));
        if (e != null) {
            return number(e[2]);
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

    /**
     * The first of the file's colon-separated lines with at least {@code fields} fields that {@code match} accepts, from
     * the topmost layer that has the file; null if none does. Lines are split one at a time, up to the one found: most
     * lookups want root, on the first line.
     */
    private String[] first(Container c, String path, int fields, Predicate<String[]> match) {
        String text = read(c, path);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int nl = text.indexOf('\n', i);
            int end = nl < 0 ? n : nl;
            String line = text.substring(i, end);
            i = end + 1;
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length >= fields && match.test(f)) {
                return f;
            }
        }
        return null;
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
