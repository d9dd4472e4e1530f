package dev.glassbox.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How an image's file tree says "this file is a program": simulated ELF files start with a header
 * naming the sim program that implements them. The sim kernel's execve reads it; everything else
 * sees an ordinary (sparse) binary file of realistic size.
 */
public final class SimBinary {
    private static final String MAGIC = "\u007fELF\u0002\u0001\u0001 glassbox-sim:";

    private SimBinary() {}

    public static byte[] header(String program) {
        return (MAGIC + program + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    public static FileEntry entry(String path, String program, long size) {
        return FileEntry.sparse(path, 0755, header(program), size);
    }

    /** The program named in a file's first bytes, if it is a simulated binary. */
    public static Optional<String> programOf(byte[] head) {
        String s = new String(head, 0, Math.min(head.length, 96), StandardCharsets.ISO_8859_1);
        if (!s.startsWith(MAGIC)) {
            return Optional.empty();
        }
        int end = s.indexOf('\n', MAGIC.length());
        return end < 0 ? Optional.empty() : Optional.of(s.substring(MAGIC.length(), end));
    }
}
