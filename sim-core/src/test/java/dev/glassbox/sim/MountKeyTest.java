package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A mount's key sorts, compares and hashes as the joined string the traced state shows, without joining it. */
class MountKeyTest {
    @Test
    void keysSortAsTheirJoinedStrings() {
        String[] prefixes = {"", "mnt:[4026532489]", "mnt:[4026532490]", "mnt:[40265324]", "mnt:"};
        String[] targets = {"", "/", "/proc", "/proc/sys", "/var/lib/docker/overlay2/ab/merged", "[4026532489]/x", "/dev/shm"};
        List<MountKey> keys = new ArrayList<>();
        for (String p : prefixes) {
            for (String t : targets) {
                keys.add(new MountKey(p, t));
            }
        }
        List<MountKey> byKey = new ArrayList<>(keys);
        byKey.sort(Comparator.naturalOrder());
        List<String> joined = new ArrayList<>();
        for (MountKey k : keys) {
            joined.add(k.toString());
        }
        joined.sort(Comparator.naturalOrder());
        assertEquals(joined, byKey.stream().map(MountKey::toString).toList());
        assertEquals(new MountKey("mnt:[1]", "/proc"), new MountKey("mnt:[1]", "/proc"));
        assertEquals(new MountKey("mnt:[1]", "/proc").hashCode(), new MountKey("mnt:[1]", "/proc").hashCode());
        assertEquals(0, new MountKey("mnt:[1]", "/proc").compareTo(new MountKey("mnt:[1]", "/proc")));
    }
}
