package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.FileEntry;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code --chown=user:group}: numbers, or names looked up in the image's /etc/passwd and /etc/group. */
final class BuildOwners {
    private BuildOwners() {}

    static int[] resolve(String chown, Map<String, FileEntry> files) {
        String[] parts = chown.split(":", 2);
        int uid = id(parts[0], files, "etc/passwd", "user", 2);
        int gid = parts.length > 1 ? id(parts[1], files, "etc/group", "group", 2)
                : parts[0].matches("\\d+") ? uid : primaryGroup(parts[0], files);
        return new int[] {uid, gid};
    }

    private static int id(String name, Map<String, FileEntry> files, String table, String what, int field) {
        if (name.matches("\\d+")) {
            return Integer.parseInt(name);
        }
        String[] row = row(files, table, name);
        if (row == null) {
            throw DockerException.invalid("unable to convert uid/gid chown string to host mapping: can't find " + (what.equals("user") ? "uid" : "gid")
                    + " for " + what + " " + name + ": no such " + what + ": " + name);
        }
        return Integer.parseInt(row[field]);
    }

    private static int primaryGroup(String user, Map<String, FileEntry> files) {
        String[] row = row(files, "etc/passwd", user);
        return row == null ? 0 : Integer.parseInt(row[3]);
    }

    private static String[] row(Map<String, FileEntry> files, String table, String name) {
        FileEntry f = files.get(table);
        if (f == null || f.type() != FileEntry.Type.FILE) {
            return null;
        }
        for (String line : new String(f.data(), StandardCharsets.UTF_8).split("\n")) {
            String[] cols = line.split(":");
            if (cols.length > 3 && cols[0].equals(name)) {
                return cols;
            }
        }
        return null;
    }
}
