package dev.glassbox.sim;

import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.ProcessEvents;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.Stdio;
import dev.glassbox.kernel.SysError;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pseudo-terminal: the master side is what a {@code docker attach} client types into and reads, the
 * slave side ({@code /dev/pts/N}) is the process's stdin, stdout and stderr. Between them the line
 * discipline in its default (cooked) mode: characters are echoed, edited with erase and kill, and
 * handed to a reader a line at a time; Ctrl-C and Ctrl-\ become signals to the foreground process
 * group; Ctrl-D at the start of a line is end of file; output newlines become CR LF (ONLCR).
 */
final class Pty implements Stdio {
    private static final char INTR = 0x03, QUIT = 0x1c, EOF = 0x04, KILL = 0x15, WERASE = 0x17, ERASE = 0x7f, BS = 0x08;

    private final SimKernel k;
    /** Where the terminal's screen output goes: everything on stream 1, as Docker's raw TTY stream. */
    private final ExecSpec.OutputSink screen;
    final InputQueue input;
    /** The slave's name inside the container, /dev/pts/N. */
    final String name;
    private final StringBuilder line = new StringBuilder();
    /** IUTF8: a character split between two writes waits for its last bytes. */
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] partial = new byte[0];
    int rows;
    int cols;
    /** The foreground process group: the one the signal characters reach. */
    int foreground;

    private Pty(SimKernel k, ExecSpec.OutputSink screen, String name, int rows, int cols) {
        this.k = k;
        this.screen = screen;
        this.name = name;
        this.input = new InputQueue(k.scheduler, true);
        this.rows = rows;
        this.cols = cols;
    }

    /** Opens a pty for {@code p} (its session leader and foreground group), records it, and makes it p's stdin, stdout and stderr. */
    static Pty open(SimKernel k, SimProcess p, ExecSpec.OutputSink screen, int rows, int cols) {
        int number = freeNumber(k, p);
        Pty pty = new Pty(k, screen, "/dev/pts/" + number, rows, cols);
        slaveNode(k, p, number);
        pty.foreground = p.pgid;
        p.tty = pty;
        p.in = pty.input;
        p.ttyFds = 0b111;
        p.output = (stream, text) -> pty.output(text);
        p.stdio = pty;
        String whose = p.nsPid() == 1 ? "the container's" : "the process's";
        k.event(ProcessEvents.openPty(pty.name, whose, rows, cols,
                "open(\"/dev/ptmx\") ; ioctl(TIOCSWINSZ, " + rows + "x" + cols + ") ; dup2(" + pty.name + ", 0..2) ; setsid() ; ioctl(TIOCSCTTY)"));
        return pty;
    }

    /** The slave's device node (major 136), where the container's /dev/pts is: {@code ls /dev/pts} shows it. */
    private static void slaveNode(SimKernel k, SimProcess p, int number) {
        try {
            MountTable.Resolved r = p.ns.mnt().table.resolve("/", "/dev/pts", true);
            if (r.node() instanceof Node.Dir && r.mount().fs instanceof TreeFs t) {
                List<String> at = new ArrayList<>(r.rel());
                at.add(Integer.toString(number));
                t.put(at, new Node.Dev(k.ids.nextIno(), 0620, k.now(), 136, number));
            }
        } catch (SysError e) {
            // no /dev/pts in this root: the terminal works all the same
        }
    }

    /** Each container has its own devpts: the lowest number no live process of its mount namespace holds. */
    private static int freeNumber(SimKernel k, SimProcess p) {
        Set<String> used = new HashSet<>();
        for (SimProcess q : k.procList()) {
            if (q.alive() && q.tty != null && q.ns.mnt() == p.ns.mnt()) {
                used.add(q.tty.name);
            }
        }
        int n = 0;
        while (used.contains("/dev/pts/" + n)) {
            n++;
        }
        return n;
    }

    /** What the processes write to the slave side: ONLCR turns each newline into CR LF. */
    void output(String text) {
        screen.write(1, text.replace("\n", "\r\n"));
    }

    @Override
    public boolean tty() {
        return true;
    }

    @Override
    public void write(byte[] data) {
        if (input.closed()) {
            return;
        }
        String typed = decode(data);
        for (int i = 0; i < typed.length(); i++) {
            key(typed.charAt(i));
        }
        k.scheduler.runReady();
    }

    private String decode(byte[] data) {
        ByteBuffer in = ByteBuffer.allocate(partial.length + data.length).put(partial).put(data).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining());
        utf8.decode(in, out, false);
        partial = new byte[in.remaining()];
        in.get(partial);
        return out.flip().toString();
    }

    private void key(char c) {
        switch (c) {
            case INTR -> interrupt("^C", Signals.SIGINT);
            case QUIT -> interrupt("^\\", Signals.SIGQUIT);
            case EOF -> {
                input.push(line.toString().getBytes(StandardCharsets.UTF_8)); // empty at the start of a line: end of file
                line.setLength(0);
            }
            case ERASE, BS -> erase(1);
            case KILL -> erase(line.length());
            case WERASE -> {
                int end = line.length();
                while (end > 0 && line.charAt(end - 1) == ' ') {
                    end--;
                }
                while (end > 0 && line.charAt(end - 1) != ' ') {
                    end--;
                }
                erase(line.length() - end);
            }
            case '\r', '\n' -> { // ICRNL: Enter sends CR, the reader gets LF
                line.append('\n');
                screen.write(1, "\r\n");
                input.push(line.toString().getBytes(StandardCharsets.UTF_8));
                line.setLength(0);
            }
            default -> {
                line.append(c);
                screen.write(1, shown(c));
            }
        }
    }

    /** ECHOCTL: a control character is echoed as ^X. */
    private static String shown(char c) {
        return c < 0x20 && c != '\t' ? "^" + (char) (c + 0x40) : String.valueOf(c);
    }

    /** ECHOE: each erased character is rubbed out on the screen. */
    private void erase(int n) {
        StringBuilder rub = new StringBuilder();
        for (int i = 0; i < n && line.length() > 0; i++) {
            char c = line.charAt(line.length() - 1);
            line.setLength(line.length() - 1);
            rub.append("\b \b".repeat(shown(c).length()));
        }
        if (rub.length() > 0) {
            screen.write(1, rub.toString());
        }
    }

    /** ISIG: the character is echoed, pending input is discarded and the foreground group gets the signal. */
    private void interrupt(String echo, int signal) {
        screen.write(1, echo);
        line.setLength(0);
        input.flush();
        signalForeground(signal);
    }

    private void signalForeground(int signal) {
        for (SimProcess q : k.procList()) {
            if (q.alive() && q.tty == this && q.pgid == foreground) {
                k.signal(q, signal, null);
            }
        }
    }

    @Override
    public void closeInput() {
        if (line.length() > 0) {
            input.push(line.toString().getBytes(StandardCharsets.UTF_8));
            line.setLength(0);
        }
        input.close();
        k.scheduler.runReady();
    }

    @Override
    public void resize(int rows, int cols) {
        if (rows == this.rows && cols == this.cols) {
            return; // the kernel sends SIGWINCH only when the size changes
        }
        this.rows = rows;
        this.cols = cols;
        signalForeground(Signals.SIGWINCH);
        k.scheduler.runReady();
    }
}
