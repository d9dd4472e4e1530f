package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Standard input as a program reads it: fixed text loaded once, then consumed line by line or all at
 * once; or the process's own stdin as a stream a writer still feeds (a terminal, an open pipe), read
 * from the kernel as it arrives.
 */
public final class Input {
    private Supplier<String> source;
    private String data;
    private int pos;
    /** Non-null: the process's standard input is a stream, read through the kernel. */
    private final Sys stream;

    private Input(Supplier<String> source, Sys stream) {
        this.source = source;
        this.stream = stream;
    }

    public static Input of(String text) {
        return new Input(() -> text == null ? "" : text, null);
    }

    static Input lazy(Supplier<String> source) {
        return new Input(source, null);
    }

    /** The process's own standard input: a stream when a writer feeds it, else its fixed text. */
    public static Input of(Sys sys) {
        return sys.stdinIsStream() ? new Input(null, sys) : lazy(sys::stdin);
    }

    /** Whether this is a live stream, which a child inherits as it is rather than as text. */
    public boolean isStream() {
        return stream != null;
    }

    private void load() {
        if (data == null) {
            String s = source.get();
            data = s == null ? "" : s;
            source = null;
        }
    }

    /** Everything not read yet; afterwards the input is at its end. */
    String rest() {
        if (stream != null) {
            return stream.stdin();
        }
        load();
        String r = data.substring(pos);
        pos = data.length();
        return r;
    }

    /**
     * What a child process inherits: the unread rest, left unread here, since the shell cannot know how much
     * the child will take (most commands in a {@code while read} loop take nothing). A stream is inherited as
     * itself (see {@link #isStream}), so no text.
     */
    public String remaining() {
        if (stream != null) {
            return "";
        }
        load();
        return data.substring(pos);
    }

    /** The next line without its newline, or null at the end. */
    public String readLine() {
        if (stream != null) {
            String s = stream.readInputLine();
            return s.isEmpty() ? null : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        }
        load();
        if (pos >= data.length()) {
            return null;
        }
        int nl = data.indexOf('\n', pos);
        String line = nl < 0 ? data.substring(pos) : data.substring(pos, nl);
        pos = nl < 0 ? data.length() : nl + 1;
        return line;
    }

    /** The next piece as it arrives (a line from a terminal, what a pipe holds), or null at the end: how {@code cat} copies a stream. */
    public String read() {
        return read(1 << 16);
    }

    /** At most {@code max} characters of what arrives next, or null at the end: one read(2), as {@code head -c} reads. */
    public String read(int max) {
        if (stream != null) {
            byte[] b = stream.readInput(max);
            return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
        }
        load();
        if (pos >= data.length()) {
            return null;
        }
        int end = (int) Math.min(data.length(), (long) pos + max);
        String r = data.substring(pos, end);
        pos = end;
        return r;
    }
}
