package dev.glassbox.client;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One command's run: the API, the clock, the user's console if there is one, and what the command
 * has printed so far.
 */
final class Session {
    final Api api;
    final Progress progress;
    /** The user's terminal; null without one (the web page, a script). */
    final Console console;
    final Pump pump;
    /** The client's own files: the working directory {@code build .} sends and {@code cp} copies to. */
    final Workspace workspace;
    private final LongSupplier clock;
    /** Both streams in the order they were written, as a terminal shows them. */
    final StringBuilder terminal = new StringBuilder();
    final Stream out = new Stream(terminal);
    final Stream err = new Stream(terminal);

    /** One output stream that also writes into the shared terminal view. */
    static final class Stream {
        private final StringBuilder own = new StringBuilder();
        private final StringBuilder terminal;

        Stream(StringBuilder terminal) {
            this.terminal = terminal;
        }

        Stream append(CharSequence text) {
            own.append(text);
            terminal.append(text);
            return this;
        }

        Stream append(Object o) {
            return append(String.valueOf(o));
        }

        Stream append(char c) {
            own.append(c);
            terminal.append(c);
            return this;
        }

        int length() {
            return own.length();
        }

        void clear() {
            own.setLength(0);
        }

        @Override
        public String toString() {
            return own.toString();
        }
    }

    Session(Api api, LongSupplier clock, Progress progress) {
        this(api, clock, progress, null, Pump.NONE, new MemoryWorkspace());
    }

    Session(Api api, LongSupplier clock, Progress progress, Console console, Pump pump, Workspace workspace) {
        this.api = api;
        this.clock = clock;
        this.progress = progress;
        this.console = console;
        this.pump = pump;
        this.workspace = workspace;
    }

    /**
     * What the command printed so far goes to the console now, before the container's own bytes
     * follow it there (the pull lines of {@code docker run -it}); the answer keeps only what comes after.
     */
    void showOnConsole() {
        if (console != null && !terminal.isEmpty()) {
            console.write(terminal.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            terminal.setLength(0);
            out.clear();
            err.clear();
        }
    }

    long nowMillis() {
        return clock.getAsLong();
    }

    void out(String line) {
        out.append(line).append('\n');
    }

    void err(String line) {
        err.append(line).append('\n');
    }

    /** An attached stream: stdout chunks to out, stderr chunks to err, as they arrived. */
    void stream(List<Api.LogLine> lines) {
        if (lines == null) {
            return;
        }
        for (Api.LogLine l : lines) {
            (l.stream() == 2 ? err : out).append(l.text() == null ? "" : l.text());
        }
    }

    static String daemonError(DockerException e) {
        return "Error response from daemon: " + e.getMessage();
    }

    /** Prints glassbox's line after a daemon error, when the error carries one. */
    void hint(DockerException e) {
        if (!e.hint().isEmpty()) {
            err(e.hint());
        }
    }

    static boolean notFound(DockerException e) {
        return e.kind() == ErrorKind.NOT_FOUND;
    }
}
