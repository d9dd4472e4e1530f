package dev.glassbox.client;

import dev.glassbox.api.Api;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The client's side of a hijacked stream with a person at the console: keys go to the container's
 * input, time passes, output comes back to the console, until the process ends or the user types the
 * detach keys. With a tty the console is raw and the terminal's size follows the window.
 */
final class Interaction {
    /** How long the console is given for keys before time passes on the engine. */
    static final long TICK_MILLIS = 20;

    /**
     * How the session ended: the process exited, the user typed the detach keys, or pressed Ctrl-C in
     * line mode (the docker CLI passes the signal on and exits itself, 130, the container running on
     * if the signal did not end it).
     */
    enum End { EXITED, DETACHED, INTERRUPTED }

    /** The CLI's exit status when Ctrl-C ended it: 128 + SIGINT. */
    static final int INTERRUPTED_STATUS = 130;

    /** Where a terminal's size goes: the container's or the exec's resize request. */
    interface Resize {
        void to(int rows, int columns);
    }

    private final Console console;
    private final Api.Attachment stream;
    private final Pump pump;
    private final BooleanSupplier ended;
    private final boolean stdin;
    private final boolean tty;
    private final Resize resize;
    private final Runnable interrupt;
    /** With keys going to a terminal the CLI itself watches for the detach keys; null otherwise. */
    private final EscapeProxy escape;

    /**
     * {@code link}: whether keys reach the process, whether the console goes raw and {@code resize} gets
     * its size, the detach keys; {@code interrupt}: what Ctrl-C in line mode does (the signal proxy), or nothing.
     */
    Interaction(Console console, Api.Attachment stream, Pump pump, BooleanSupplier ended, Link link, Resize resize,
                Runnable interrupt) {
        this.console = console;
        this.stream = stream;
        this.pump = pump;
        this.ended = ended;
        this.stdin = link.stdin();
        this.tty = link.tty();
        this.resize = resize;
        this.interrupt = interrupt;
        this.escape = stdin && tty ? escapeFor(console, link.detachKeys()) : null;
    }

    /** An unknown key: the CLI warns and watches for the default ones. */
    private static EscapeProxy escapeFor(Console console, String keys) {
        try {
            return EscapeProxy.of(keys);
        } catch (IllegalArgumentException e) {
            console.write(("WARN[0000] invalid detach escape keys, using default: " + e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return EscapeProxy.defaults();
        }
    }

    End run() {
        console.open(tty && stdin);
        try {
            if (tty) {
                size();
            }
            return loop();
        } finally {
            console.close();
        }
    }

    private End loop() {
        boolean input = stdin;
        while (true) {
            byte[] keys = console.read(TICK_MILLIS);
            if (input && keys == null) {
                stream.closeStdin();
                input = false;
            } else if (input && keys.length > 0) {
                byte[] typed = escape == null ? keys : escape.filter(keys);
                if (typed.length > 0) {
                    stream.write(typed);
                }
                if (escape != null && escape.escaped()) {
                    return End.DETACHED;
                }
            }
            if (console.interrupted()) {
                interrupt.run();
                pump.advance();
                show(stream.drain());
                return End.INTERRUPTED;
            }
            pump.advance();
            show(stream.drain());
            if (stream.detached()) {
                return End.DETACHED;
            }
            if (ended.getAsBoolean()) {
                show(stream.drain());
                return End.EXITED;
            }
            if (tty && console.resized()) {
                size();
            }
        }
    }

    private void size() {
        Console.Size s = console.size();
        resize.to(s.rows(), s.columns());
    }

    private void show(List<Api.LogLine> chunks) {
        if (chunks == null) {
            return;
        }
        for (Api.LogLine c : chunks) {
            if (c.text() != null && !c.text().isEmpty()) {
                console.write(c.text().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
