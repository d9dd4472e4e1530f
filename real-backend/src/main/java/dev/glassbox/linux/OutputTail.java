package dev.glassbox.linux;

import dev.glassbox.kernel.ExecSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Follows a container process's stdout or stderr file, as {@code docker logs -f} follows the shim's
 * log: each poll delivers what was appended since, decoded as UTF-8 (a character split between two
 * polls waits for its last bytes).
 */
final class OutputTail {
    private final Path file;
    private final int stream;
    private final ExecSpec.OutputSink sink;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(64 * 1024);
    private long offset;

    OutputTail(Path file, int stream, ExecSpec.OutputSink sink) {
        this.file = file;
        this.stream = stream;
        this.sink = sink;
    }

    /** Delivers what is new; returns whether anything was. */
    boolean poll() {
        boolean any = false;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            while (f.length() > offset) {
                f.seek(offset);
                int n = f.read(pending.array(), pending.position(), pending.remaining());
                if (n <= 0) {
                    break;
                }
                offset += n;
                pending.position(pending.position() + n);
                pending.flip();
                CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
                decoder.decode(pending, out, false);
                pending.compact();
                out.flip();
                if (out.hasRemaining()) {
                    sink.write(stream, out.toString());
                    any = true;
                }
            }
        } catch (IOException e) {
            // the file is gone: nothing more to deliver
        }
        return any;
    }
}
