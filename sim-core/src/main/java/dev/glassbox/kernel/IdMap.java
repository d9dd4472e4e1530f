package dev.glassbox.kernel;

import java.util.List;

/**
 * One line of {@code /proc/PID/uid_map} or {@code gid_map}: the ids {@code inside} … {@code
 * inside+count-1} of a user namespace are {@code outside} … of its parent. Docker's
 * {@code --userns-remap=default} writes {@code 0 100000 65536}: root inside is 100000 on the host.
 */
public record IdMap(long inside, long outside, long count) {
    /** The initial user namespace's map: every id is itself. */
    public static final IdMap IDENTITY = new IdMap(0, 0, 4294967295L);
    /** The id a process sees for an owner that its user namespace does not map (the kernel's overflowuid). */
    public static final int OVERFLOW_ID = 65534;

    public IdMap {
        if (inside < 0 || outside < 0 || count <= 0 || inside + count > 4294967296L || outside + count > 4294967296L) {
            throw new IllegalArgumentException("invalid id map: " + inside + " " + outside + " " + count);
        }
    }

    /** The line as the kernel prints it: three columns right-aligned in fields of 10. */
    public String line() {
        return String.format("%10d %10d %10d%n", inside, outside, count);
    }

    /** What {@code echo '…' > /proc/PID/uid_map} writes. */
    public String written() {
        return inside + " " + outside + " " + count;
    }

    /** The command line that writes the maps: {@code echo '0 100000 65536' > /proc/PID/uid_map}. */
    public static String echo(int pid, String file, List<IdMap> maps) {
        return "echo '" + String.join("\\n", maps.stream().map(IdMap::written).toList()) + "' > /proc/" + pid + "/" + file;
    }

    /** The outside id of {@code id}, or -1 when the maps do not cover it. */
    public static long outside(List<IdMap> maps, long id) {
        for (IdMap m : maps) {
            if (id >= m.inside && id < m.inside + m.count) {
                return m.outside + (id - m.inside);
            }
        }
        return -1;
    }

    /** The inside id of outside id {@code id}, or -1 when it is not mapped. */
    public static long inside(List<IdMap> maps, long id) {
        for (IdMap m : maps) {
            if (id >= m.outside && id < m.outside + m.count) {
                return m.inside + (id - m.outside);
            }
        }
        return -1;
    }
}
