package dev.glassbox.web;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The web visualizer: a page with a terminal, a live diagram of the host and a timeline of the last
 * command's trace, served with its JSON API and event stream. Every browser session gets its own
 * engine on the sim kernel; the Linux kernel is never offered to a browser.
 *
 * <pre>{@code
 * try (Visualizer v = Visualizer.start(Visualizer.Options.defaults())) { System.out.println(v.url()); ... }
 * }</pre>
 */
public final class Visualizer implements AutoCloseable {
    public static final int DEFAULT_PORT = 7070;

    /** Where to listen, where sessions are saved and what each may use. Port 0 picks a free port. */
    public record Options(String host, int port, Path dataDir, Limits limits, Duration stuckAfter, String daemon,
                          dev.glassbox.daemon.DaemonOptions engines, ClientLimits clients, StoreLimits store) {
        public static Options defaults() {
            return new Options("127.0.0.1", DEFAULT_PORT, Path.of(System.getProperty("user.home"), ".glassbox", "web-sessions"),
                    Limits.defaults(), Duration.ofMinutes(10), null, dev.glassbox.daemon.DaemonOptions.DEFAULT, ClientLimits.defaults(),
                    StoreLimits.defaults());
        }

        /** How many sessions, and bytes, the server keeps on disk ({@code --max-sessions N}, {@code --max-store-mb N}). */
        public Options withStore(StoreLimits s) {
            return new Options(host, port, dataDir, limits, stuckAfter, daemon, engines, clients, s);
        }

        public Options withPort(int p) {
            return new Options(host, p, dataDir, limits, stuckAfter, daemon, engines, clients, store);
        }

        public Options withHost(String h) {
            return new Options(h, port, dataDir, limits, stuckAfter, daemon, engines, clients, store);
        }

        public Options withDataDir(Path d) {
            return new Options(host, port, d, limits, stuckAfter, daemon, engines, clients, store);
        }

        public Options withLimits(Limits l) {
            return new Options(host, port, dataDir, l, stuckAfter, daemon, engines, clients, store);
        }

        /** {@code --storage-driver NAME}: how every session's sim daemon keeps layers and containers on disk. */
        public Options withStorageDriver(String name) {
            return new Options(host, port, dataDir, limits, stuckAfter, daemon, engines.withStorageDriver(name), clients, store);
        }

        /** What one client address may ask of the server ({@code --connections-per-client N}). */
        public Options withClients(ClientLimits c) {
            return new Options(host, port, dataDir, limits, stuckAfter, daemon, engines, c, store);
        }

        /** The glassbox daemon to watch ({@code unix:///…} or {@code tcp://…}), null for none. */
        public Options withDaemon(String url) {
            return new Options(host, port, dataDir, limits, stuckAfter, url, engines, clients, store);
        }

        /** How long one step may hold a student before the teacher's view marks them stuck. */
        public Options withStuckAfter(Duration d) {
            return new Options(host, port, dataDir, limits, d, daemon, engines, clients, store);
        }

        /** {@code --port N}, {@code --host H}, {@code --data DIR}, {@code --idle-minutes N}, {@code --max-containers N}, {@code --stuck-minutes N},
         * {@code --connections-per-client N}, {@code --max-sessions N}, {@code --max-store-mb N}. */
        public static Options parse(List<String> args) {
            Options o = defaults();
            List<String> rest = new ArrayList<>(args);
            while (!rest.isEmpty()) {
                String flag = rest.remove(0);
                String value = flag.contains("=") ? flag.substring(flag.indexOf('=') + 1) : null;
                String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
                if (value == null) {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException("option '" + name + "' needs a value");
                    }
                    value = rest.remove(0);
                }
                o = switch (name) {
                    case "--port", "-p" -> o.withPort(number(name, value, 0, 65535));
                    case "--host" -> o.withHost(value);
                    case "--storage-driver" -> o.withStorageDriver(value);
                    case "--data" -> o.withDataDir(Path.of(value));
                    case "--idle-minutes" -> o.withLimits(o.limits().withIdle(Duration.ofMinutes(number(name, value, 1, 525600))));
                    case "--max-containers" -> o.withLimits(o.limits().withContainers(number(name, value, 1, 10000)));
                    case "--connections-per-client" -> o.withClients(o.clients().withConnections(number(name, value, 1, 100000)));
                    case "--max-sessions" -> o.withStore(o.store().withSessions(number(name, value, 1, 1_000_000)));
                    case "--max-store-mb" -> o.withStore(o.store().withBytes((long) number(name, value, 1, 10_000_000) << 20));
                    case "--stuck-minutes" -> o.withStuckAfter(Duration.ofMinutes(number(name, value, 1, 1440)));
                    case "--daemon" -> {
                        dev.glassbox.engineapi.DaemonClient.of(value); // refuses a malformed address here, in one line
                        yield o.withDaemon(value);
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + name + "' for web");
                };
            }
            return o;
        }

        private static int number(String name, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(name + " takes a number from " + min + " to " + max + ": " + value);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a number: " + value);
            }
        }
    }

    private final Javalin app;
    private final Sessions sessions;
    private final ScheduledExecutorService sweeper;
    private final String host;
    private final Teacher teacher;
    private final DaemonWatch daemon;

    private Visualizer(Javalin app, Sessions sessions, ScheduledExecutorService sweeper, String host, Teacher teacher, DaemonWatch daemon) {
        this.daemon = daemon;
        this.app = app;
        this.sessions = sessions;
        this.sweeper = sweeper;
        this.host = host;
        this.teacher = teacher;
    }

    public static Visualizer start(Options options) {
        Sessions sessions = new Sessions(new SessionStore(options.dataDir()), options.limits(), options.store(), options.engines(),
                System::currentTimeMillis);
        ClientConnections connections = new ClientConnections();
        Guard guard = new Guard(options.clients(), connections);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.modifyServletContextHandler(h -> h.addFilter(new org.eclipse.jetty.servlet.FilterHolder(guard), "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
            config.jetty.modifyWebSocketServletFactory(f -> {
                f.setMaxTextMessageSize(options.clients().socketMessageBytes());
                f.setMaxBinaryMessageSize(options.clients().socketMessageBytes());
            });
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
        });
        Teacher teacher = new Teacher(options.stuckAfter());
        DaemonWatch daemon = options.daemon() == null ? null : new DaemonWatch(dev.glassbox.engineapi.DaemonClient.of(options.daemon()));
        new Routes(sessions, System::currentTimeMillis, teacher, daemon, options.clients()).install(app);
        new FileRoutes(sessions).install(app);
        app.start(options.host(), options.port());
        guard.answerTo(Hosts.of(options.host(), app.port()));
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            c.addEventListener(connections);
        }
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "glassbox-web-expiry");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1000, Math.min(60_000, options.limits().idle().toMillis() / 4));
        sweeper.scheduleWithFixedDelay(sessions::expire, every, every, TimeUnit.MILLISECONDS);
        sweeper.scheduleWithFixedDelay(connections::prune, 60, 60, TimeUnit.SECONDS);
        return new Visualizer(app, sessions, sweeper, options.host(), teacher, daemon);
    }

    public int port() {
        return app.port();
    }

    /** The address to open, as printed at start. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** The page that watches the daemon ({@code --daemon}), or null without one. */
    public String daemonUrl() {
        return daemon == null ? null : url() + "?watch=" + daemon.watchId();
    }

    /** The teacher's page, with the token that opens it in its fragment (which browsers never send to the server). */
    public String teacherUrl() {
        return url() + "teacher.html#token=" + teacher.token();
    }

    /** Sessions currently held in memory (the others are on disk). */
    public int liveSessions() {
        return sessions.liveCount();
    }

    /** Forgets sessions idle for longer than the limit now, instead of at the next sweep; returns how many. */
    public int expireIdleSessions() {
        return sessions.expire();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        if (daemon != null) {
            daemon.close();
        }
        app.stop();
        sessions.closeAll();
    }
}
