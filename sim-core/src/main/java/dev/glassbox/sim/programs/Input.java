package dev.glassbox.sim.programs;

import java.util.function.Supplier;

/** Standard input as a program reads it: loaded once, then consumed line by line or all at once. */
final class Input {
    private Supplier<String> source;
    private String data;
    private int pos;

    private Input(Supplier<String> source) {
        this.source = source;
    }

    static Input of(String text) {
        return new Input(() -> text == null ? "" : text);
    }

    static Input lazy(Supplier<String> source) {
        return new Input(source);
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
        load();
        String r = data.substring(pos);
        pos = data.length();
        return r;
    }

    /**
     * What a child process inherits: the unread rest, left unread here, since the shell cannot know how much
     * the child will take (most commands in a {@code while read} loop take nothing).
     */
    String remaining() {
        load();
        return data.substring(pos);
    }

    /** The next line without its newline, or null at the end. */
    String readLine() {
        load();
        if (pos >= data.length()) {
            return null;
        }
        int nl = data.indexOf('\n', pos);
        String line = nl < 0 ? data.substring(pos) : data.substring(pos, nl);
        pos = nl < 0 ? data.length() : nl + 1;
        return line;
    }
}
