package dev.glassbox.image;

import java.util.Objects;

/**
 * One entry of a layer, as a tar archive holds it. {@code path} is relative ({@code usr/bin/env}).
 * A regular file's {@code data} may be shorter than {@code size}: the rest reads as zeros, as in a
 * sparse file. OCI whiteouts are ordinary entries named {@code .wh.NAME} and {@code .wh..wh..opq}.
 */
public record FileEntry(String path, Type type, int mode, int uid, int gid, byte[] data, long size, String link) {
    public enum Type { DIR, FILE, SYMLINK, HARDLINK }

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (path.startsWith("/") || path.isEmpty()) {
            throw new IllegalArgumentException("layer paths are relative and not empty: " + path);
        }
        data = data == null ? new byte[0] : data;
        if (type == Type.FILE && size < data.length) {
            throw new IllegalArgumentException("size below data length: " + path);
        }
        if ((type == Type.SYMLINK || type == Type.HARDLINK) && link == null) {
            throw new IllegalArgumentException("links need a target: " + path);
        }
    }

    public static FileEntry dir(String path, int mode) {
        return new FileEntry(path, Type.DIR, mode, 0, 0, null, 0, null);
    }

    public static FileEntry file(String path, int mode, byte[] data) {
        return new FileEntry(path, Type.FILE, mode, 0, 0, data, data.length, null);
    }

    public static FileEntry file(String path, int mode, String text) {
        return file(path, mode, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A file of {@code size} bytes whose first bytes are {@code data} and the rest zeros. */
    public static FileEntry sparse(String path, int mode, byte[] data, long size) {
        return new FileEntry(path, Type.FILE, mode, 0, 0, data, size, null);
    }

    public static FileEntry symlink(String path, String target) {
        return new FileEntry(path, Type.SYMLINK, 0777, 0, 0, null, 0, target);
    }

    public static FileEntry hardlink(String path, String target) {
        return new FileEntry(path, Type.HARDLINK, 0755, 0, 0, null, 0, target);
    }

    public FileEntry owned(int newUid, int newGid) {
        return new FileEntry(path, type, mode, newUid, newGid, data, size, link);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileEntry f && path.equals(f.path) && type == f.type && mode == f.mode && uid == f.uid
                && gid == f.gid && size == f.size && java.util.Arrays.equals(data, f.data) && Objects.equals(link, f.link);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, mode, uid, gid, size, link, java.util.Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return type + " " + path + (link == null ? "" : " -> " + link) + (type == Type.FILE ? " (" + size + " bytes)" : "");
    }
}
