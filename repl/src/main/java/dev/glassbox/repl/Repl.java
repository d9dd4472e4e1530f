package dev.glassbox.repl;

import dev.glassbox.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.InfoCmp.Capability;

/** The interactive loop: prompt, history, completion, and a {@link Session} doing each line. */
final class Repl {
    static final String PROMPT = "glassbox$ ";

    private final Terminal terminal;
    private final LineReader reader;
    private final Session session;

    Repl(Terminal terminal, Path historyFile, Supplier<Engine> engine, PrintWriter err) {
        this(terminal, historyFile, engine, err, null);
    }

    /** {@code lab}: the REPL's labs (an author's folder of lessons); null for the default ones. */
    Repl(Terminal terminal, Path historyFile, Supplier<Engine> engine, PrintWriter err, LabCommands lab) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("glassbox")
                .completer(new ReplCompleter(engine))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_FILE_SIZE, 5000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .build();
        this.session = lab == null ? new Session(engine, terminal.writer(), err, frontend())
                : new Session(engine, terminal.writer(), err, frontend(), lab);
    }

    private Frontend frontend() {
        if (isDumb(terminal)) {
            return new Frontend(Style.PLAIN, ProgressBars.disabled(), StepInput.lines(reader), () -> {}, null);
        }
        Style style = Style.ANSI;
        ProgressBars bars = ProgressBars.drawingTo(terminal.writer(), () -> terminal.getWidth() > 0 ? terminal.getWidth() : 80);
        return new Frontend(style, bars, StepInput.keys(terminal, style), () -> {
            terminal.puts(Capability.clear_screen);
            terminal.flush();
        }, new TerminalConsole(terminal, bars::finish));
    }

    /**
     * No real terminal behind: plain text, no bars, steps read as lines. A {@link DumbTerminal} of a
     * capable type (tests, CDS training) still gets completion, which JLine refuses to dumb types.
     */
    static boolean isDumb(Terminal t) {
        return t instanceof DumbTerminal || Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType());
    }

    /** Runs a line before the first prompt, as if typed ({@code glassbox lab start NAME}); returns its status. */
    int first(String line) {
        terminal.writer().println(session.prompt() + line);
        return session.execute(line);
    }

    /** Reads and runs lines until {@code exit} or Ctrl-D; returns the status {@code exit} asked for. */
    int run() {
        int status = 0;
        try {
            while (!session.exitRequested()) {
                String line;
                try {
                    line = reader.readLine(session.prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                status = session.execute(line);
            }
            return session.exitRequested() ? status : 0;
        } finally {
            saveHistory();
        }
    }

    /**
     * Reads one line exactly as {@link #run} does, with an Enter already queued: the prompt is drawn
     * and the line accepted at once. What {@code --print-ready-and-exit} times.
     */
    void showPromptOnly() {
        reader.runMacro("\n");
        reader.readLine(PROMPT);
        terminal.flush();
    }

    /** {@code $GLASSBOX_HOME/.glassbox_history}, or {@code ~/.glassbox_history} without GLASSBOX_HOME. */
    static Path historyFile() throws IOException {
        String home = System.getenv("GLASSBOX_HOME");
        if (home == null || home.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".glassbox_history");
        }
        Path dir = Path.of(home);
        Files.createDirectories(dir);
        return dir.resolve(".glassbox_history");
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("glassbox: cannot save history: " + e.getMessage());
            terminal.flush();
        }
    }
}
