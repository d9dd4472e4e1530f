package dev.glassbox.kernel;

import dev.glassbox.image.FileEntry;

/**
 * lstat(2) of a host path, as the daemon reads it for {@code docker cp}: the kind, the permission
 * bits, the owner, the size, the modification time in epoch milliseconds and a symlink's target (else null).
 */
public record FileStat(FileEntry.Type type, int mode, int uid, int gid, long size, long mtimeMillis, String link) {}
