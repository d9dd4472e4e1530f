package dev.glassbox.registry;

import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Layer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Layers as reproducible tar archives: entries in path order (parents first, a hard link after its
 * target), owners from the entry, no owner names, mtime 0; PAX records only where ustar cannot say it.
 * The blob is a gzip with a fixed header, so the same entries always give the same digests.
 */
public final class LayerArchive {
    static final int BLOCK = 512;
    static final byte[] ZEROS = new byte[64 * 1024];
    private static final long MAX_OCTAL_SIZE = 077777777777L;
    private static final int MAX_OCTAL_ID = 07777777;
    /** Magic, deflate, no flags, mtime 0, "fastest" (XFL 4), OS unknown (255). */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, (byte) 0xff};

    private LayerArchive() {}

    /**
     * Threads for the second pass, of this class's own: on the JVM's common pool the pass could wait behind anything
     * blocked there (a two-processor machine's common pool has one thread, and from Java 21 CompletableFuture uses it
     * even then). Idle threads end after a minute.
     */
    private static final java.util.concurrent.ExecutorService SECOND_PASS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "glassbox-layer-hash");
        t.setDaemon(true);
        return t;
    });

    /** Archives the entries and computes both digests; the two passes run on two threads. */
    public static Layer layer(List<FileEntry> entries) {
        List<FileEntry> ordered = order(entries);
        CompletableFuture<HashingSink> tar = CompletableFuture.supplyAsync(() -> hash(out -> writeOrdered(ordered, out)), SECOND_PASS);
        HashingSink gz = hash(out -> gzipOrdered(ordered, out));
        HashingSink raw;
        try {
            raw = tar.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return new Layer(gz.digest(), gz.count, raw.digest(), raw.count, ordered);
    }

    /** The uncompressed tar stream: what {@code docker save} holds and the diff id is taken of. */
    public static void writeTar(List<FileEntry> entries, OutputStream out) throws IOException {
        writeOrdered(order(entries), out);
    }

    /** The compressed blob a registry serves for the layer. */
    public static void writeGzip(List<FileEntry> entries, OutputStream out) throws IOException {
        gzipOrdered(order(entries), out);
    }

    /**
     * Reads a tar stream back. Regular files come back sparse: {@code data} stops at the last non-zero
     * byte and {@code size} keeps the full length, so big zero tails are never held in memory.
     */
    public static List<FileEntry> readTar(InputStream in) throws IOException {
        return TarReader.read(in);
    }

    /** The archive order of the entries; rejects unclean or duplicate paths. */
    public static List<FileEntry> order(List<FileEntry> entries) {
        List<FileEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> comparePaths(a.path(), b.path()));
        Set<String> all = new HashSet<>();
        for (FileEntry e : sorted) {
            checkPath(e.path());
            if (!all.add(e.path())) {
                throw new IllegalArgumentException("duplicate path in layer: " + e.path());
            }
        }
        List<FileEntry> out = new ArrayList<>(sorted.size());
        Set<String> written = new HashSet<>();
        Map<String, List<FileEntry>> waiting = new HashMap<>();
        for (FileEntry e : sorted) {
            if (e.type() == FileEntry.Type.HARDLINK && all.contains(e.link()) && !written.contains(e.link())) {
                waiting.computeIfAbsent(e.link(), k -> new ArrayList<>()).add(e);
                continue;
            }
            emit(e, out, written, waiting);
        }
        List<FileEntry> cycles = new ArrayList<>();
        waiting.values().forEach(cycles::addAll);
        cycles.sort((a, b) -> comparePaths(a.path(), b.path()));
        out.addAll(cycles);
        return out;
    }

    private static void emit(FileEntry e, List<FileEntry> out, Set<String> written, Map<String, List<FileEntry>> waiting) {
        out.add(e);
        written.add(e.path());
        List<FileEntry> links = waiting.remove(e.path());
        if (links != null) {
            links.forEach(l -> emit(l, out, written, waiting));
        }
    }

    /** Path order with '/' below every other character, so a directory's subtree stays together. */
    static int comparePaths(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return (x == '/' ? 0 : x + 1) - (y == '/' ? 0 : y + 1);
            }
        }
        return a.length() - b.length();
    }

    private static void checkPath(String path) {
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("unclean layer path: " + path);
            }
        }
    }

    private static void writeOrdered(List<FileEntry> ordered, OutputStream out) throws IOException {
        for (FileEntry e : ordered) {
            writeEntry(e, out);
        }
        out.write(ZEROS, 0, 2 * BLOCK);
        out.flush();
    }

    private static void gzipOrdered(List<FileEntry> ordered, OutputStream sink) throws IOException {
        sink.write(GZIP_HEADER);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        CRC32 crc = new CRC32();
        byte[] buf = new byte[64 * 1024];
        long[] total = {0};
        OutputStream deflating = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                crc.update(b, off, len);
                total[0] += len;
                deflater.setInput(b, off, len);
                while (!deflater.needsInput()) {
                    sink.write(buf, 0, deflater.deflate(buf));
                }
            }
        };
        try {
            writeOrdered(ordered, new BufferedOutputStream(deflating, 64 * 1024));
            deflater.finish();
            while (!deflater.finished()) {
                sink.write(buf, 0, deflater.deflate(buf));
            }
        } finally {
            deflater.end();
        }
        writeIntLE(sink, (int) crc.getValue());
        writeIntLE(sink, (int) total[0]);
        sink.flush();
    }

    private static void writeIntLE(OutputStream out, int v) throws IOException {
        out.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    private static void writeEntry(FileEntry e, OutputStream out) throws IOException {
        String name = e.type() == FileEntry.Type.DIR ? e.path() + "/" : e.path();
        String link = e.link() == null ? "" : e.link();
        long size = e.type() == FileEntry.Type.FILE ? e.size() : 0;
        Map<String, String> pax = new TreeMap<>();
        if (!fitsUstar(name)) {
            pax.put("path", name);
        }
        if (!fitsUstar(link)) {
            pax.put("linkpath", link);
        }
        if (size > MAX_OCTAL_SIZE) {
            pax.put("size", Long.toString(size));
        }
        if (e.uid() > MAX_OCTAL_ID || e.uid() < 0) {
            pax.put("uid", Integer.toUnsignedString(e.uid()));
        }
        if (e.gid() > MAX_OCTAL_ID || e.gid() < 0) {
            pax.put("gid", Integer.toUnsignedString(e.gid()));
        }
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            out.write(header(ascii("PaxHeaders/" + baseName(name)), 0644, 0, 0, records.length, 'x', ""));
            out.write(records);
            pad(out, records.length);
        }
        char type = switch (e.type()) {
            case FILE -> '0';
            case HARDLINK -> '1';
            case SYMLINK -> '2';
            case DIR -> '5';
        };
        long headerSize = Math.min(size, MAX_OCTAL_SIZE);
        out.write(header(ascii(name), e.mode() & 07777, id(e.uid()), id(e.gid()), headerSize, type, ascii(link)));
        if (size > 0) {
            byte[] data = e.data();
            out.write(data);
            for (long left = size - data.length; left > 0; left -= ZEROS.length) {
                out.write(ZEROS, 0, (int) Math.min(left, ZEROS.length));
            }
            pad(out, size);
        }
    }

    private static int id(int id) {
        return id < 0 || id > MAX_OCTAL_ID ? 0 : id;
    }

    private static boolean fitsUstar(String s) {
        return s.length() <= 100 && s.chars().allMatch(c -> c > 0 && c < 128);
    }

    private static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 100; i++) {
            char c = s.charAt(i);
            b.append(c > 0 && c < 128 ? c : '_');
        }
        return b.toString();
    }

    private static String baseName(String name) {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return n.substring(n.lastIndexOf('/') + 1);
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(ZEROS, 0, BLOCK - rest);
        }
    }

    /** Each record is "LEN key=value\n", LEN counting the whole record including its own digits. */
    private static byte[] paxRecords(Map<String, String> pax) {
        StringBuilder b = new StringBuilder();
        pax.forEach((k, v) -> {
            int body = k.length() + v.getBytes(StandardCharsets.UTF_8).length + 3;
            int len = body + Integer.toString(body).length();
            if (Integer.toString(len).length() != Integer.toString(body).length()) {
                len = body + Integer.toString(len).length();
            }
            b.append(len).append(' ').append(k).append('=').append(v).append('\n');
        });
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String name, int mode, int uid, int gid, long size, char type, String link) {
        byte[] h = new byte[BLOCK];
        put(h, 0, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        put(h, 157, link);
        put(h, 257, "ustar");
        put(h, 263, "00");
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        octal(h, 148, 7, checksum(h));
        h[155] = ' ';
        return h;
    }

    /** The unsigned byte sum with the checksum field itself read as eight spaces. */
    static long checksum(byte[] h) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        return sum;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** Zero-padded octal digits filling the field but its last byte, which stays NUL. */
    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        put(h, off, "0".repeat(len - 1 - s.length()) + s);
    }

    private interface TarWrite {
        void to(OutputStream out) throws IOException;
    }

    private static HashingSink hash(TarWrite write) {
        HashingSink sink = new HashingSink();
        try {
            write.to(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink;
    }

    private static final class HashingSink extends OutputStream {
        private final MessageDigest md = Digest.sha256();
        private long count;

        @Override
        public void write(int b) {
            md.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            md.update(b, off, len);
            count += len;
        }

        Digest digest() {
            return Digest.finish(md);
        }
    }
}
