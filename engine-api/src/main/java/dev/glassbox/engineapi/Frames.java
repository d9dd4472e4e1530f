package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Docker's stream framing: without a TTY each chunk gets an 8-byte header {@code [stream, 0, 0, 0,
 * length as a big-endian u32]} (1 stdout, 2 stderr); with a TTY the bytes go as they are.
 */
final class Frames {
    static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    static final String RAW = "application/vnd.docker.raw-stream";

    private Frames() {}

    static byte[] frame(int stream, byte[] data) {
        byte[] out = new byte[8 + data.length];
        out[0] = (byte) stream;
        out[4] = (byte) (data.length >>> 24);
        out[5] = (byte) (data.length >>> 16);
        out[6] = (byte) (data.length >>> 8);
        out[7] = (byte) data.length;
        System.arraycopy(data, 0, out, 8, data.length);
        return out;
    }

    /** The chunks, framed or raw, in the order they were written; {@code stdout}/{@code stderr} choose the streams. */
    static byte[] encode(List<Api.LogLine> lines, boolean tty, boolean stdout, boolean stderr) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Api.LogLine l : lines) {
            int stream = l.stream() == 2 ? 2 : 1;
            if ((stream == 1 && !stdout) || (stream == 2 && !stderr) || l.text() == null || l.text().isEmpty()) {
                continue;
            }
            byte[] data = l.text().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(tty ? data : frame(stream, data));
        }
        return out.toByteArray();
    }
}
