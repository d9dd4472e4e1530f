package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.api.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console loop against a scripted stream: what the user types arrives, what comes back is shown. */
class InteractionTest {
    /** A container's stream that echoes each line typed as "got LINE", ends at "bye", detaches on ^P^Q. */
    static final class EchoStream implements Api.Attachment {
        final List<String> events = new ArrayList<>();
        private final List<Api.LogLine> pending = new ArrayList<>(List.of(new Api.LogLine(1, 0, "> ")));
        boolean ended;
        boolean detached;

        @Override
        public void write(byte[] data) {
            String text = new String(data, StandardCharsets.UTF_8);
            events.add("write " + text.replace("\r", "\\r").replace("\n", "\\n"));
            if (text.contains("\u0010\u0011")) {
                detached = true;
            } else if (text.strip().equals("bye")) {
                ended = true;
            } else {
                pending.add(new Api.LogLine(1, 0, "got " + text.strip() + "\n> "));
            }
        }

        @Override
        public void closeStdin() {
            events.add("closeStdin");
            ended = true;
        }

        @Override
        public List<Api.LogLine> drain() {
            List<Api.LogLine> out = List.copyOf(pending);
            pending.clear();
            return out;
        }

        @Override
        public boolean detached() {
            return detached;
        }

        @Override
        public void close() {
            events.add("close");
        }
    }

    private static final String CTRL_P_Q = "\u0010\u0011";
    private static final Pump PUMP = new Pump() {
        @Override
        public void advance() {}

        @Override
        public boolean stopped(String container) {
            return false;
        }

        @Override
        public boolean execEnded(String execId) {
            return false;
        }
    };
    private final List<String> sizes = new ArrayList<>();
    private int ticks;

    private Interaction.End run(ScriptedConsole console, EchoStream stream, boolean stdin, boolean tty) {
        Pump pump = new Pump() {
            @Override
            public void advance() {
                ticks++;
            }

            @Override
            public boolean stopped(String container) {
                return stream.ended;
            }

            @Override
            public boolean execEnded(String execId) {
                return stream.ended;
            }
        };
        return run(console, stream, new Link(stdin, tty, "", true), pump);
    }

    private Interaction.End run(ScriptedConsole console, EchoStream stream, Link link, Pump pump) {
        return new Interaction(console, stream, pump, () -> stream.ended, link, (rows, cols) -> sizes.add(rows + "x" + cols),
                () -> stream.events.add("interrupt")).run();
    }

    @Test
    void keysGoInOutputComesBackUntilTheProcessEnds() {
        ScriptedConsole console = new ScriptedConsole().type("> ", "hi\r").type("got hi", "bye\r");
        EchoStream stream = new EchoStream();
        assertEquals(Interaction.End.EXITED, run(console, stream, true, true));
        assertEquals("> got hi\n> ", console.output());
        assertEquals(List.of("write hi\\r", "write bye\\r"), stream.events);
        assertEquals(List.of("raw", "closed"), console.modes, "raw while the container has the terminal, restored after");
        assertEquals(List.of("30x100"), sizes, "the terminal's size is sent at the start");
    }

    @Test
    void theDetachKeysLeaveTheProcessRunning() {
        ScriptedConsole console = new ScriptedConsole().type("> ", "\u0010\u0011");
        EchoStream stream = new EchoStream();
        assertEquals(Interaction.End.DETACHED, run(console, stream, true, true));
        assertEquals(false, stream.ended);
        assertEquals(List.of("raw", "closed"), console.modes);
    }

    @Test
    void customDetachKeysAreCaughtByTheClientAndNeverSent() {
        ScriptedConsole console = new ScriptedConsole().type("> ", "ls\r").type("got ls", "a\u0018b\u0018\u0019");
        EchoStream stream = new EchoStream();
        assertEquals(Interaction.End.DETACHED, run(console, stream, new Link(true, true, "ctrl-x,ctrl-y", false), PUMP));
        assertEquals(List.of("write ls\\r", "write a\u0018b"), stream.events, "a false start goes on as typed; the sequence never");
    }

    @Test
    void unknownDetachKeysAreWarnedAboutAndTheDefaultWatched() {
        ScriptedConsole console = new ScriptedConsole().type("> ", CTRL_P_Q);
        EchoStream stream = new EchoStream();
        assertEquals(Interaction.End.DETACHED, run(console, stream, new Link(true, true, "ctrl-1", false), PUMP));
        assertEquals("WARN[0000] invalid detach escape keys, using default: Unknown character: 'ctrl-1'\n> ", console.output());
    }

    @Test
    void lineModeEndOfInputClosesStdin() {
        ScriptedConsole console = new ScriptedConsole().type("> ", "one\n").eof("got one");
        EchoStream stream = new EchoStream();
        assertEquals(Interaction.End.EXITED, run(console, stream, true, false));
        assertEquals(List.of("write one\\n", "closeStdin"), stream.events);
        assertEquals(List.of("line", "closed"), console.modes, "-i without -t: line mode, no raw terminal");
        assertEquals(List.of(), sizes, "no tty, no resize");
    }

    @Test
    void ctrlCInLineModeGoesToTheSignalProxyAndEndsTheClient() {
        ScriptedConsole console = new ScriptedConsole();
        console.interrupt();
        EchoStream stream = new EchoStream();
        assertEquals(Interaction.End.INTERRUPTED, run(console, stream, true, false));
        assertEquals(List.of("interrupt"), stream.events);
        assertEquals("> ", console.output(), "what the container printed up to then is shown");
    }

    @Test
    void aWindowChangeIsSentAsANewSize() {
        ScriptedConsole console = new ScriptedConsole() {
            private boolean once = true;

            @Override
            public boolean resized() {
                boolean was = once;
                once = false;
                size = new Size(40, 120);
                return was;
            }
        }.type("> ", "bye\r");
        run(console, new EchoStream(), true, true);
        assertEquals(List.of("30x100", "40x120"), sizes);
    }
}
