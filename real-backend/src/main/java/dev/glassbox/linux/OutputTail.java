package dev.glassbox.linux;

import dev.glassbox.kernel.ExecSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Follows the shim's DIR/output, as {@code docker logs -f} follows the shim's log: stdout and stderr
 * chunks in the order the shim read them, each framed as {@code "STREAM LENGTH\n"} and its bytes.
 * Each poll delivers the frames appended since, decoded as UTF-8 per stream (a character split
 * between two chunks waits for its last bytes); a frame not yet whole waits for the next poll.
 * What has been read is punched out of the file (a hole, its size kept) once it passes
 * {@link #PUNCH_EVERY}: the file lives on the run directory's tmpfs, in memory, and only the output
 * not yet read should take room there.
 */
final class OutputTail {
    private static final int CHUNK = 64 * 1024;
    /** How much read output a file keeps before it is punched out. */
    static final long PUNCH_EVERY = 1 << 20;

    private final Path file;
    private final ExecSpec.OutputSink sink;
    private final CharsetDecoder[] decoders = {null, decoder(), decoder()};
    private final ByteBuffer[] carry = {null, ByteBuffer.allocate(8), ByteBuffer.allocate(8)};
    private final ByteArrayOutputStream unread = new ByteArrayOutputStream();
    private long offset;
    /** The read buffer, made at the first output. */
    private byte[] buf;
    /** The file's start, up to here, is a hole already. */
    private long punched;

    OutputTail(Path file, ExecSpec.OutputSink sink) {
        this.file = file;
        this.sink = sink;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    /** Delivers what is new; returns whether anything was. */
    boolean poll() {
        // polled every few milliseconds for as long as the process runs: a stat when nothing is new, no buffer, no open
        if (file.toFile().length() <= offset) {
            return false; // what is unread is a frame not yet whole: it waits for more
        }
        if (buf == null) {
            buf = new byte[CHUNK];
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            while (f.length() > offset) {
                f.seek(offset);
                int n = f.read(buf);
                if (n <= 0) {
                    break;
                }
                offset += n;
                unread.write(buf, 0, n);
            }
        } catch (IOException e) {
            // not there yet, or gone: nothing to deliver
        }
        if (offset - punched >= PUNCH_EVERY) {
            punch();
        }
        return deliverFrames();
    }

    /** Frees the pages of what has been read: fallocate(PUNCH_HOLE | KEEP_SIZE) from the start to the last whole page read. */
    private void punch() {
        long upTo = offset & ~4095L;
        if (!Sys.available() || upTo <= punched) {
            return;
        }
        int fd = Sys.libc().open(file.toString(), Sys.O_WRONLY | Sys.O_CLOEXEC);
        if (fd < 0) {
            return;
        }
        try {
            if (Sys.libc().fallocate(fd, Sys.FALLOC_FL_PUNCH_HOLE | Sys.FALLOC_FL_KEEP_SIZE, 0, upTo) == 0) {
                punched = upTo;
            } else {
                punched = offset; // the filesystem cannot punch: do not try at every poll
            }
        } finally {
            Sys.libc().close(fd);
        }
    }

    private boolean deliverFrames() {
        byte[] data = unread.toByteArray();
        int at = 0;
        boolean any = false;
        while (true) {
            int nl = indexOf(data, (byte) '\n', at);
            if (nl < 0) {
                break;
            }
            String[] head = new String(data, at, nl - at, StandardCharsets.US_ASCII).split(" ");
            int stream = Integer.parseInt(head[0]);
            int length = Integer.parseInt(head[1]);
            if (nl + 1 + length > data.length) {
                break;
            }
            deliver(stream == 2 ? 2 : 1, data, nl + 1, length);
            any = true;
            at = nl + 1 + length;
        }
        unread.reset();
        unread.write(data, at, data.length - at);
        return any;
    }

    private void deliver(int stream, byte[] data, int from, int length) {
        ByteBuffer carried = carry[stream];
        ByteBuffer in = ByteBuffer.allocate(carried.position() + length);
        carried.flip();
        in.put(carried);
        in.put(data, from, length);
        in.flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoders[stream].decode(in, out, false);
        carried.clear();
        if (in.remaining() <= carried.capacity()) {
            carried.put(in); // the first bytes of a character whose rest is in the next chunk
        }
        out.flip();
        if (out.hasRemaining()) {
            sink.write(stream, out.toString());
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
