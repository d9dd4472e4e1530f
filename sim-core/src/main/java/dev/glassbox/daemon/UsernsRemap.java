package dev.glassbox.daemon;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.IdMap;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dockerd --userns-remap}: the user whose subordinate ids a container's ids become. Root in
 * the container is {@code uid} on the host, and so are the files it makes; image layers are kept
 * for this mapping apart, under {@code <data root>/<uid>.<gid>}, with every owner shifted by {@code uid}.
 */
public record UsernsRemap(String user, long uid, long gid, long size) {
    /** What {@code --userns-remap=default} gives: Docker's user dockremap with the first subordinate range. */
    public static final UsernsRemap DEFAULT = new UsernsRemap("dockremap", 100000, 100000, 65536);

    public UsernsRemap {
        new IdMap(0, uid, size);
        new IdMap(0, gid, size);
    }

    /**
     * The value of {@code --userns-remap}. Only {@code default} is supported: glassbox creates no
     * user and reads no /etc/subuid, so a named user is refused in one line.
     */
    public static UsernsRemap parse(String value) {
        if (value.equals("default")) {
            return DEFAULT;
        }
        throw new IllegalArgumentException("--userns-remap=" + value + ": Can't create ID mappings: glassbox supports only 'default'"
                + " (user dockremap, subordinate ids 100000:65536)");
    }

    public List<IdMap> uidMap() {
        return List.of(new IdMap(0, uid, size));
    }

    public List<IdMap> gidMap() {
        return List.of(new IdMap(0, gid, size));
    }

    /** The directory Docker keeps this mapping's images, containers and volumes in, under the data root. */
    public String dirName() {
        return uid + "." + gid;
    }

    /** A layer's entries as they are stored for this mapping: owners shifted into the remapped range. */
    List<FileEntry> shift(List<FileEntry> entries) {
        List<FileEntry> out = new ArrayList<>(entries.size());
        for (FileEntry e : entries) {
            out.add(e.owned((int) outside(uidMap(), e.uid(), uid), (int) outside(gidMap(), e.gid(), gid)));
        }
        return out;
    }

    /** Stored entries back as the container sees them (commit, export): owners outside the range become 65534. */
    List<FileEntry> unshift(List<FileEntry> entries) {
        List<FileEntry> out = new ArrayList<>(entries.size());
        for (FileEntry e : entries) {
            out.add(e.owned(inside(uidMap(), e.uid()), inside(gidMap(), e.gid())));
        }
        return out;
    }

    /** An owner the range does not cover is stored as the remapped overflow id. */
    private static long outside(List<IdMap> map, long id, long base) {
        long out = IdMap.outside(map, id);
        return out >= 0 ? out : base + IdMap.OVERFLOW_ID;
    }

    private static int inside(List<IdMap> map, long id) {
        long in = IdMap.inside(map, id);
        return in >= 0 ? (int) in : IdMap.OVERFLOW_ID;
    }
}
