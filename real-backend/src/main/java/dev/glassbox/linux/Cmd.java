package dev.glassbox.linux;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host command without a shell: argv as given, stdout and stderr captured, killed after a
 * timeout (5 s by default). {@link #check} throws a {@link CmdException} naming the command line and
 * its stderr when the command fails.
 */
public final class Cmd {
    public static final long DEFAULT_TIMEOUT_MILLIS = 5_000;

    /** What ran and how it ended. */
    public record Result(List<String> argv, int exit, String stdout, String stderr) {
        public Result {
            argv = List.copyOf(argv);
        }

        public boolean ok() {
            return exit == 0;
        }

        /** This result, or a {@link CmdException} if the command exited non-zero. */
        public Result orThrow() {
            if (exit != 0) {
                throw new CmdException(argv, exit, stderr, null);
            }
            return this;
        }
    }

    /** Runs one command; tests substitute a fake. A runner returns non-zero exits, it does not throw for them. */
    @FunctionalInterface
    public interface Runner {
        Result run(List<String> argv);
    }

    /** The real runner, with the default timeout. */
    public static final Runner HOST = argv -> run(argv, DEFAULT_TIMEOUT_MILLIS);

    private Cmd() {
    }

    /** Runs argv; a command that cannot start or outlives the timeout is a {@link CmdException}. */
    public static Result run(List<String> argv, long timeoutMillis) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("glassbox: empty command");
        }
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new CmdException(argv, -1, "cannot start: " + e.getMessage(), e);
        }
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        try {
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(1, TimeUnit.SECONDS);
                throw new CmdException(argv, -1, "timed out after " + timeoutMillis + " ms", null);
            }
            out.join(1000);
            err.join(1000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CmdException(argv, -1, "interrupted", e);
        }
        return new Result(argv, p.exitValue(), out.text(), err.text());
    }

    /** Runs argv with the default timeout and throws unless it exits 0. */
    public static Result check(List<String> argv) {
        return run(argv, DEFAULT_TIMEOUT_MILLIS).orThrow();
    }

    /** The command line as a shell user would type it (words with shell metacharacters single-quoted). */
    public static String line(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.isEmpty() || !a.matches("[A-Za-z0-9_@%+=:,./!-]+") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return sb.toString();
    }

    /** Whether an executable of this name is on PATH (or the path given is executable). */
    public static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            path = "/usr/sbin:/usr/bin:/sbin:/bin";
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                // the process went away; what was read is kept
            }
        }

        String text() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }

}
