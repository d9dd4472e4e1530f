package dev.glassbox.sim;

/**
 * A mount's key in the traced state, {@code mnt:[4026532489]/proc} (no prefix for the host's), kept as its two
 * parts: the namespace's prefix, one string for all its mounts, and the target the mount's view already holds, so
 * that a running container's dozen mounts do not each keep a joined copy. It sorts and reads as the joined string.
 */
record MountKey(String prefix, String target) implements Comparable<MountKey> {
    @Override
    public int compareTo(MountKey o) {
        if (prefix.equals(o.prefix)) {
            return target.compareTo(o.target);
        }
        int n = prefix.length() + target.length();
        int m = o.prefix.length() + o.target.length();
        for (int i = 0; i < Math.min(n, m); i++) {
            char a = charAt(i);
            char b = o.charAt(i);
            if (a != b) {
                return a - b;
            }
        }
        return n - m;
    }

    private char charAt(int i) {
        return i < prefix.length() ? prefix.charAt(i) : target.charAt(i - prefix.length());
    }

    @Override
    public String toString() {
        return prefix + target;
    }
}
