package dev.glassbox.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A console for tests: keys typed once the output shows what a person would wait for (a prompt),
 * everything written kept. Null from {@link #read} stands for Ctrl-D in line mode ({@link #eof}).
 */
class ScriptedConsole implements Console {
    private record Step(String waitFor, byte[] keys) {}

    private final Deque<Step> steps = new ArrayDeque<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final List<String> modes = new ArrayList<>();
    private int seenUpTo;
    private int reads;
    private boolean interrupt;
    Size size = new Size(30, 100);

    /** Types {@code keys} once the output since the last keys contains {@code waitFor} ("" at once). */
    ScriptedConsole type(String waitFor, String keys) {
        steps.add(new Step(waitFor, keys.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Ends the input (Ctrl-D at the start of a line) once the output shows {@code waitFor}. */
    ScriptedConsole eof(String waitFor) {
        steps.add(new Step(waitFor, null));
        return this;
    }

    /** Ctrl-C in line mode, at the next read. */
    void interrupt() {
        interrupt = true;
    }

    String output() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] read(long timeoutMillis) {
        if (++reads > 20_000) {
            throw new AssertionError("the console was read 20000 times; output so far:\n" + output());
        }
        Step next = steps.peek();
        String fresh = output().substring(seenUpTo);
        if (next == null || !fresh.contains(next.waitFor())) {
            return new byte[0];
        }
        steps.poll();
        seenUpTo = output().length();
        return next.keys();
    }

    @Override
    public void write(byte[] bytes) {
        written.writeBytes(bytes);
    }

    @Override
    public Size size() {
        return size;
    }

    @Override
    public void open(boolean raw) {
        modes.add(raw ? "raw" : "line");
    }

    @Override
    public void close() {
        modes.add("closed");
    }

    @Override
    public boolean interrupted() {
        boolean was = interrupt;
        interrupt = false;
        return was;
    }
}
