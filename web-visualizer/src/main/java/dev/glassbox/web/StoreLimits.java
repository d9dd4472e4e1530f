package dev.glassbox.web;

/**
 * What the server keeps on disk of all its sessions together: how many sessions ({@code --max-sessions}) and
 * how many bytes their files hold ({@code --max-store-mb}). Each session is bounded on its own too (its
 * command lines by {@link Limits#storedBytes()}, its files by {@link FileHistory#MAX_BYTES}).
 */
public record StoreLimits(int sessions, long bytes) {

    public StoreLimits {
        if (sessions < 1 || bytes < 1) {
            throw new IllegalArgumentException("store limits must be positive: " + sessions + ", " + bytes);
        }
    }

    /** 1000 sessions, 1 GiB. */
    public static StoreLimits defaults() {
        return new StoreLimits(1000, 1L << 30);
    }

    public StoreLimits withSessions(int n) {
        return new StoreLimits(n, bytes);
    }

    public StoreLimits withBytes(long n) {
        return new StoreLimits(sessions, n);
    }
}
