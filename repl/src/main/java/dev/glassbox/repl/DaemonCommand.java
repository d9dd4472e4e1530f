package dev.glassbox.repl;

import dev.glassbox.Engine;
import dev.glassbox.engineapi.EngineApiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code glassbox daemon}: the Docker Engine API on a UNIX socket (and TCP on request) for the real
 * docker CLI and the SDKs, until Ctrl-C. One engine behind it, as {@code dockerd} has one.
 */
final class DaemonCommand {
    record Options(Path socket, String tcpHost, int tcpPort, boolean tcp) {}

    private DaemonCommand() {}

    static String usage() {
        return "daemon [--socket PATH] [--tcp] [--tcp-host H] [--tcp-port N]";
    }

    /** The socket's default place: {@code $GLASSBOX_HOME/glassbox.sock}, or {@code ~/.glassbox/glassbox.sock}. */
    static Path defaultSocket() {
        String home = System.getenv("GLASSBOX_HOME");
        Path dir = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".glassbox") : Path.of(home);
        return dir.resolve("glassbox.sock");
    }

    static Options parse(List<String> args) {
        Path socket = defaultSocket();
        String host = "127.0.0.1";
        int port = 2375;
        boolean tcp = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--socket" -> socket = Path.of(value(args, ++i, a));
                case "--tcp" -> tcp = true;
                case "--tcp-host" -> {
                    host = value(args, ++i, a);
                    tcp = true;
                }
                case "--tcp-port" -> {
                    try {
                        port = Integer.parseInt(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--tcp-port needs a number from 0 to 65535");
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--tcp-port needs a number from 0 to 65535");
                    }
                    tcp = true;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "' for daemon");
            }
        }
        return new Options(socket, host, port, tcp);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** Serves until the process is stopped; prints where, and the line that points the docker CLI here. */
    static int run(Options o, Supplier<Engine> engine, Runnable closeEngine, PrintWriter out, PrintWriter err) {
        EngineApiServer server = EngineApiServer.of(engine.get());
        try {
            server.unix(o.socket());
            if (o.tcp()) {
                if (!o.tcpHost().equals("127.0.0.1") && !o.tcpHost().equals("localhost") && !o.tcpHost().equals("::1")) {
                    err.println("glassbox: WARNING: the Docker API on " + o.tcpHost() + " lets anyone who reaches it run any container:"
                            + " it is root-equivalent on this machine, with no TLS and no login");
                }
                server.tcp(o.tcpHost(), o.tcpPort());
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            closeEngine.run();
            err.println("glassbox: cannot serve the Engine API: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close(); // no new requests, the socket file gone; then the engine takes its containers down as dockerd does
            closeEngine.run();
        }, "glassbox-daemon-stop"));
        out.println("glassbox daemon (" + engine.get().kernelName() + " kernel): Docker Engine API " + EngineApiServer.API_VERSION
                + " on " + o.socket());
        if (o.tcp()) {
            out.println("and on tcp://" + o.tcpHost() + ":" + server.tcpPort());
        }
        out.println("export DOCKER_HOST=unix://" + o.socket().toAbsolutePath());
        out.flush();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
