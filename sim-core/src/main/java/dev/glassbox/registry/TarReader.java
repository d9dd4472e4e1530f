package dev.glassbox.registry;

import static dev.glassbox.registry.LayerArchive.BLOCK;
import static dev.glassbox.registry.LayerArchive.ZEROS;

import dev.glassbox.image.FileEntry;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads ustar, PAX and GNU long-name archives into entries; devices and FIFOs are skipped. */
final class TarReader {
    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];

    private TarReader(InputStream in) {
        this.in = in;
    }

    static List<FileEntry> read(InputStream in) throws IOException {
        return new TarReader(in).entries();
    }

    private List<FileEntry> entries() throws IOException {
        List<FileEntry> out = new ArrayList<>();
        Map<String, String> pax = new HashMap<>();
        byte[] h = new byte[BLOCK];
        while (in.readNBytes(h, 0, BLOCK) == BLOCK && !allZero(h)) {
            if (number(h, 148, 8) != LayerArchive.checksum(h)) {
                throw new IOException("invalid tar header checksum");
            }
            char type = (char) h[156];
            long size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : number(h, 124, 12);
            switch (type) {
                case 'x' -> pax.putAll(paxRecords(readAll(size)));
                case 'L' -> pax.put("path", cString(readAll(size), 0, (int) size));
                case 'K' -> pax.put("linkpath", cString(readAll(size), 0, (int) size));
                case 'g' -> skip(size);
                default -> {
                    entry(h, type, size, pax, out);
                    pax.clear();
                }
            }
        }
        return out;
    }

    private void entry(byte[] h, char type, long size, Map<String, String> pax, List<FileEntry> out) throws IOException {
        String name = cString(h, 0, 100);
        String prefix = cString(h, 345, 155);
        if (cString(h, 257, 5).equals("ustar") && !prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        String rawPath = pax.getOrDefault("path", name);
        String path = clean(rawPath);
        String link = pax.getOrDefault("linkpath", cString(h, 157, 100));
        int mode = (int) number(h, 100, 8) & 07777;
        int uid = pax.containsKey("uid") ? (int) Long.parseLong(pax.get("uid")) : (int) number(h, 108, 8);
        int gid = pax.containsKey("gid") ? (int) Long.parseLong(pax.get("gid")) : (int) number(h, 116, 8);
        FileEntry.Type t = switch (type) {
            case '0', '\0', '7' -> rawPath.endsWith("/") ? FileEntry.Type.DIR : FileEntry.Type.FILE;
            case '1' -> FileEntry.Type.HARDLINK;
            case '2' -> FileEntry.Type.SYMLINK;
            case '5' -> FileEntry.Type.DIR;
            default -> null;
        };
        if (t == null || path.isEmpty()) {
            skip(size);
            return;
        }
        byte[] data = t == FileEntry.Type.FILE ? readSparse(size) : skip(size);
        String target = switch (t) {
            case HARDLINK -> clean(link);
            case SYMLINK -> link;
            default -> null;
        };
        out.add(new FileEntry(path, t, mode, uid, gid, data, t == FileEntry.Type.FILE ? size : 0, target));
    }

    /** Keeps bytes up to the last non-zero one; zero runs are only counted until data follows them. */
    private byte[] readSparse(long size) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long pendingZeros = 0;
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(left, chunk.length);
            readFully(chunk, n);
            left -= n;
            int last = n - 1;
            while (last >= 0 && chunk[last] == 0) {
                last--;
            }
            if (last < 0) {
                pendingZeros += n;
                continue;
            }
            for (; pendingZeros > 0; pendingZeros -= ZEROS.length) {
                data.write(ZEROS, 0, (int) Math.min(pendingZeros, ZEROS.length));
            }
            data.write(chunk, 0, last + 1);
            pendingZeros = n - last - 1;
        }
        skipPadding(size);
        return data.toByteArray();
    }

    private byte[] readAll(long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extended header too large: " + size);
        }
        byte[] b = new byte[(int) size];
        readFully(b, b.length);
        skipPadding(size);
        return b;
    }

    private byte[] skip(long size) throws IOException {
        for (long left = size; left > 0; left -= chunk.length) {
            readFully(chunk, (int) Math.min(left, chunk.length));
        }
        skipPadding(size);
        return null;
    }

    private void skipPadding(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            readFully(chunk, BLOCK - rest);
        }
    }

    private void readFully(byte[] b, int len) throws IOException {
        if (in.readNBytes(b, 0, len) != len) {
            throw new EOFException("unexpected end of tar archive");
        }
    }

    private static Map<String, String> paxRecords(byte[] b) throws IOException {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < b.length && b[i] != 0) {
            int space = i;
            while (space < b.length && b[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(b, i, space - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("invalid PAX record");
            }
            if (len <= space - i || i + len > b.length) {
                throw new IOException("invalid PAX record");
            }
            String record = new String(b, space + 1, i + len - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                out.put(record.substring(0, eq), record.substring(eq + 1));
            }
            i += len;
        }
        return out;
    }

    private static String clean(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("/") ? 1 : 2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /** Octal, space or NUL terminated; GNU base-256 when the top bit of the first byte is set. */
    private static long number(byte[] b, int off, int len) throws IOException {
        if ((b[off] & 0x80) != 0) {
            long v = b[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (b[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c == 0 || (c == ' ' && v > 0)) {
                break;
            }
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException("invalid tar header number");
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
