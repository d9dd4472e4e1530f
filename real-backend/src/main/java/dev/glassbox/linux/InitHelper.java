package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The container helper {@code glassbox-init} (C source in the resources): built with the host's C
 * compiler at first use into {@code <stateRoot>/bin/glassbox-init-<sha256 of the source>}, started
 * once per container process. A JVM is multi-threaded and cannot unshare a mount namespace itself;
 * the helper can. See the source for its modes and its line protocol.
 */
final class InitHelper {
    static final String SOURCE = "glassbox-init.c";
    static final String NO_COMPILER = "glassbox: the Linux kernel needs a C compiler to build its container helper (apt-get install gcc)";

    private InitHelper() {
    }

    /** The helper's source and the start of its sha256, read once. */
    private static byte[] sourceBytes;
    private static String sourceId;

    /** The helper binary for this source, compiled if it is not there yet. */
    static synchronized Path binary(Path stateRoot) {
        if (sourceBytes == null) {
            sourceBytes = source();
            sourceId = sha256(sourceBytes).substring(0, 12);
        }
        byte[] source = sourceBytes;
        Path bin = stateRoot.resolve("bin").resolve("glassbox-init-" + sourceId);
        if (Files.isExecutable(bin)) {
            return bin;
        }
        if (!Cmd.onPath("cc")) {
            throw new IllegalStateException(NO_COMPILER);
        }
        try {
            Files.createDirectories(bin.getParent());
            String unique = "." + ProcessHandle.current().pid();
            Path src = bin.getParent().resolve(bin.getFileName() + unique + ".c");
            Path tmp = bin.getParent().resolve(bin.getFileName() + unique + ".tmp");
            Files.write(src, source);
            Cmd.Result r = Cmd.run(List.of("cc", "-O2", "-static", "-o", tmp.toString(), src.toString()), 60_000);
            if (!r.ok()) {
                r = Cmd.run(List.of("cc", "-O2", "-o", tmp.toString(), src.toString()), 60_000);
            }
            Files.deleteIfExists(src);
            r.orThrow();
            Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot build the container helper in " + bin.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] source() {
        try (InputStream in = InitHelper.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("glassbox: the helper source " + SOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** '%', tab and newline escaped, so any argument fits in one field of one line. */
    static String escape(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("glassbox: a NUL byte cannot be passed to execve: " + s.replace('\0', '?'));
        }
        return s.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A");
    }

    /**
     * A started helper: its stdin carries commands, its stdout the answers. Closing it (or the daemon
     * dying) does not end a container that has exec'd: its output goes to files, not to these pipes.
     */
    static final class Channel {
        final Process process;
        /** The run directory: given at the start, or, for a spare, when it is put to use. */
        volatile Path dir;
        /** The helper answers a command in microseconds; one that takes this long is stuck and is killed. */
        static final long ANSWER_TIMEOUT_MILLIS = 30_000;
        private final OutputStream commands;
        private final BufferedReader answers;
        /** The helper closed its side (the end stays the end for the next read). */
        private boolean ended;
        /** The watchdog killed a helper that did not answer in time. */
        private volatile boolean timedOut;
        /** Kills a helper that does not answer: the answers are read on the caller's thread, with no thread in between. */
        private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "glassbox-helper-watchdog");
                    t.setDaemon(true);
                    return t;
                });

        private Channel(Process process, Path dir) {
            this.process = process;
            this.dir = dir;
            this.commands = process.getOutputStream();
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /**
         * Starts a spare helper ({@code glassbox-init spare}): it waits for its arguments, so that when
         * a container starts, no process has to be spawned (see {@link #begin}). Its stderr, until it
         * knows its run directory, goes nowhere.
         */
        static Channel spare(Path binary) {
            List<String> argv = List.of(binary.toString(), "spare");
            try {
                ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
                Map<String, String> env = pb.environment();
                env.clear();
                env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
                return new Channel(pb.start(), null);
            } catch (IOException e) {
                throw new UncheckedIOException("glassbox: cannot start " + Cmd.line(argv) + ": " + e.getMessage(), e);
            }
        }

        /** Puts a spare to use: its run directory (the helper creates the files in it), then the arguments of the helper it becomes. */
        Channel begin(Path runDir, List<String> args) {
            try {
                Files.createDirectories(runDir);
            } catch (IOException e) {
                throw new UncheckedIOException("glassbox: cannot prepare " + runDir + ": " + e.getMessage(), e);
            }
            this.dir = runDir;
            List<String> fields = new ArrayList<>(args.size());
            fields.addAll(args);
            send(fields);
            return this;
        }

        /** Sends one command; null fields are not allowed. */
        synchronized void send(List<String> fields) {
            StringBuilder sb = new StringBuilder();
            for (String f : fields) {
                sb.append(sb.length() == 0 ? "" : "\t").append(escape(f));
            }
            sb.append('\n');
            try {
                commands.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                commands.flush();
            } catch (IOException e) {
                throw new SysError(Errno.ESRCH, "glassbox: the container helper is gone (" + e.getMessage() + ")" + log());
            }
        }

        /** Bytes as they are: after execve the channel carries frames for the process's stdin to its shim. */
        synchronized void sendRaw(byte[] frame) {
            try {
                commands.write(frame);
                commands.flush();
            } catch (IOException e) {
                throw new SysError(Errno.ESRCH, "glassbox: the container helper is gone (" + e.getMessage() + ")");
            }
        }

        /** The next answer line, or null when the helper closed its side; a helper silent for too long is killed. */
        synchronized String read() {
            if (ended) {
                return null;
            }
            java.util.concurrent.ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                timedOut = true;
                process.destroyForcibly();
            }, ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            String line;
            try {
                line = answers.readLine();
            } catch (IOException e) {
                line = null; // closed: the end of the conversation
            } finally {
                watchdog.cancel(false);
            }
            if (timedOut) {
                throw new SysError(Errno.ETIMEDOUT, "glassbox: the container helper did not answer within " + ANSWER_TIMEOUT_MILLIS + " ms" + log());
            }
            if (line == null) {
                ended = true;
            }
            return line;
        }

        /** Sends a command and checks that it answers "ok …"; returns what follows "ok". */
        synchronized String call(String... fields) {
            send(List.of(fields));
            return expectOk(fields[0]);
        }

        String expectOk(String what) {
            String line = read();
            if (line == null) {
                throw new SysError(Errno.ESRCH, "glassbox: the container helper ended during " + what + log());
            }
            if (line.equals("ok") || line.startsWith("ok ")) {
                return line.length() > 3 ? line.substring(3) : "";
            }
            throw error(line);
        }

        /** What the helper wrote to its stderr, for error messages. */
        String log() {
            if (dir == null) {
                return "";
            }
            try {
                String text = Files.readString(dir.resolve("helper.log")).strip();
                return text.isEmpty() ? "" : ": " + text;
            } catch (IOException e) {
                return "";
            }
        }

        /** Ends the conversation: closes the pipes; the helper and its container carry on. */
        void close() {
            try {
                commands.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** "error ERRNO TEXT" as a {@link SysError} with the errno's name. */
    static SysError error(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 3 || !parts[0].equals("error")) {
            return new SysError(Errno.EIO, "glassbox: unexpected answer from the container helper: " + line);
        }
        return new SysError(errnoName(parts[1]), parts[2]);
    }

    static Errno errnoName(String number) {
        try {
            return Errno.of(Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return Errno.EIO;
        }
    }
}
