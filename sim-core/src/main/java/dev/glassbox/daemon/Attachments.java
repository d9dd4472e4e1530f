package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * docker attach and the streams of docker exec: the output a client is shown, the input it types
 * passed on to the process, and on a terminal the detach keys that let it leave with the process
 * still running.
 */
final class Attachments {
    private Attachments() {}

    /** POST /containers/{id}/attach: from now on (with {@code logs}, what was printed before first). */
    static Api.Attachment container(Container c, Api.AttachOptions o) {
        DetachKeys keys = DetachKeys.parse(o.detachKeys());
        List<Api.LogLine> buffer = new ArrayList<>();
        if (o.logs()) {
            buffer.addAll(c.logs);
        }
        c.attachments.add(buffer);
        // without OpenStdin the daemon drops what the client sends; StdinOnce closes the container's stdin
        // when the client's input ends, unless it is a terminal (then only the attachment ends)
        ContainerStdin input = o.stdin() && c.config.openStdin() ? c.stdin : null;
        boolean tty = c.config.tty();
        return new Stream(buffer, c.attachments, input, tty ? keys : null, tty, c.config.stdinOnce() && !tty, o.stdout(), o.stderr());
    }

    /** POST /containers/{id}/resize: the terminal's new size (a container without one ignores it). */
    static void resize(Container c, int height, int width) {
        checkSize(height, width);
        if (height == 0 && width == 0) {
            return;
        }
        if (!c.running()) {
            throw Daemon.notRunning(c);
        }
        c.ttyRows = height;
        c.ttyCols = width;
        c.stdin.resize(height, width);
    }

    /** The API reads h and w as unsigned numbers. */
    static void checkSize(int height, int width) {
        for (int v : new int[] {height, width}) {
            if (v < 0) {
                throw DockerException.invalid("strconv.ParseUint: parsing \"" + v + "\": invalid syntax");
            }
        }
    }

    /** One client's stream. */
    static final class Stream implements Api.Attachment {
        private final List<Api.LogLine> buffer;
        private final List<List<Api.LogLine>> feeds;
        private final ContainerStdin input;
        private final DetachKeys keys;
        private final boolean tty;
        private final boolean closeOnEof;
        private final boolean stdout;
        private final boolean stderr;
        private boolean detached;

        /**
         * {@code feeds}: where the producer finds {@code buffer} (null when it is the stream's own); {@code input}
         * null when the client's input goes nowhere; {@code keys} null when there is no terminal to detach from.
         */
        Stream(List<Api.LogLine> buffer, List<List<Api.LogLine>> feeds, ContainerStdin input, DetachKeys keys, boolean tty,
               boolean closeOnEof, boolean stdout, boolean stderr) {
            this.buffer = buffer;
            this.feeds = feeds;
            this.input = input;
            this.keys = keys;
            this.tty = tty;
            this.closeOnEof = closeOnEof;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public List<Api.LogLine> drain() {
            List<Api.LogLine> out = new ArrayList<>();
            for (Api.LogLine l : buffer) {
                if (l.stream() == 1 ? stdout : stderr) {
                    out.add(l);
                }
            }
            buffer.clear();
            return out;
        }

        @Override
        public void close() {
            if (feeds != null) {
                feeds.remove(buffer);
            }
        }

        @Override
        public void write(byte[] data) {
            if (detached || input == null) {
                return;
            }
            if (keys == null) {
                input.write(data);
                return;
            }
            ByteArrayOutputStream pass = new ByteArrayOutputStream();
            boolean leave = keys.feed(data, pass);
            if (pass.size() > 0) {
                input.write(pass.toByteArray());
            }
            if (leave) {
                detached = true;
                close();
            }
        }

        @Override
        public void closeStdin() {
            if (input != null && closeOnEof && !detached) {
                input.close();
            }
        }

        @Override
        public boolean detached() {
            return detached;
        }

        @Override
        public boolean tty() {
            return tty;
        }
    }
}
