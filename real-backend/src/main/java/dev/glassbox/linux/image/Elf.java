package dev.glassbox.linux.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Just enough of ELF to tell a static program from one that needs the dynamic loader. */
final class Elf {
    private static final int PT_INTERP = 3;

    private Elf() {}

    /** Whether a 64-bit little-endian ELF file names a program interpreter; false for anything else. */
    static boolean hasInterpreter(byte[] file) {
        if (file.length < 64 || file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F'
                || file[4] != 2 || file[5] != 1) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(0x20);
        int size = b.getShort(0x36) & 0xffff;
        int count = b.getShort(0x38) & 0xffff;
        for (int i = 0; i < count; i++) {
            long at = phoff + (long) i * size;
            if (at + 4 > file.length) {
                return false;
            }
            if (b.getInt((int) at) == PT_INTERP) {
                return true;
            }
        }
        return false;
    }
}
