package dev.glassbox.repl;

import dev.glassbox.client.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * The REPL's terminal as the console of {@code docker run -it}, {@code attach} and {@code exec -it}:
 * while a container has it the terminal is raw (no echo, no signals, keys as typed), in line mode the
 * line is edited here; afterwards the terminal's attributes and its WINCH handler are put back.
 */
final class TerminalConsole implements Console {
    private final Terminal terminal;
    private final Runnable beforeUse;
    private final AtomicBoolean resized = new AtomicBoolean();
    private Attributes saved;
    private Terminal.SignalHandler previousWinch;
    private LineMode line;
    private int last = '\n';

    /** {@code beforeUse}: what must leave the screen before the container's bytes come (the pull's bars). */
    TerminalConsole(Terminal terminal, Runnable beforeUse) {
        this.terminal = terminal;
        this.beforeUse = beforeUse;
    }

    @Override
    public void open(boolean raw) {
        beforeUse.run();
        terminal.flush();
        saved = terminal.getAttributes();
        Attributes a = new Attributes(saved);
        a.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ECHO, Attributes.LocalFlag.IEXTEN,
                Attributes.LocalFlag.ISIG), false);
        a.setInputFlags(EnumSet.of(Attributes.InputFlag.IXON, Attributes.InputFlag.ICRNL, Attributes.InputFlag.INLCR), false);
        a.setControlChar(Attributes.ControlChar.VMIN, 0);
        a.setControlChar(Attributes.ControlChar.VTIME, 1);
        terminal.setAttributes(a);
        line = raw ? null : new LineMode(this::echo);
        resized.set(false);
        previousWinch = terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
    }

    @Override
    public void close() {
        if (saved == null) {
            return;
        }
        if (last != '\n') {
            write("\r\n".getBytes(StandardCharsets.US_ASCII)); // the prompt comes back on a line of its own
        }
        terminal.handle(Terminal.Signal.WINCH, previousWinch);
        terminal.setAttributes(saved);
        saved = null;
        line = null;
    }

    @Override
    public byte[] read(long timeoutMillis) {
        StringBuilder keys = new StringBuilder();
        try {
            NonBlockingReader in = terminal.reader();
            int c = in.read(timeoutMillis);
            if (c == NonBlockingReader.EOF) {
                return null;
            }
            while (c >= 0) {
                keys.append((char) c);
                c = in.available() > 0 ? in.read(1) : NonBlockingReader.READ_EXPIRED;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null) {
            return keys.toString().getBytes(StandardCharsets.UTF_8);
        }
        keys.chars().forEach(k -> line.key((char) k));
        return line.take();
    }

    @Override
    public boolean interrupted() {
        return line != null && line.interrupted();
    }

    @Override
    public void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        beforeUse.run();
        try {
            terminal.output().write(bytes);
            terminal.output().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        last = bytes[bytes.length - 1];
    }

    private void echo(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Console.Size size() {
        org.jline.terminal.Size s = terminal.getSize();
        return new Console.Size(s.getRows() > 0 ? s.getRows() : 24, s.getColumns() > 0 ? s.getColumns() : 80);
    }

    @Override
    public boolean resized() {
        return resized.getAndSet(false);
    }
}
