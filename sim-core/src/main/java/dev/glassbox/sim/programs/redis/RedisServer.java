package dev.glassbox.sim.programs.redis;

import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Clock;
import dev.glassbox.sim.programs.ErrnoText;
import dev.glassbox.sim.programs.Paths;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** redis-server 7.4: its log, RESP over the simulated network, dump.rdb on shutdown, SIGTERM handling. */
public final class RedisServer {
    static final String VERSION = "7.4.1";

    private final Sys sys;
    private final int pid;
    private int port = 6379;
    private boolean save = true;
    private String dir;
    private String dbfilename = "dump.rdb";
    private String configFile;
    private long start;
    private long lastSave;
    private final RedisStore store;
    private final RedisCommands commands;

    private RedisServer(Sys sys) {
        this.sys = sys;
        this.pid = sys.getpid();
        this.store = new RedisStore(sys);
        this.commands = new RedisCommands(this, store);
    }

    public static int main(Sys sys) {
        List<String> argv = sys.argv();
        if (argv.size() > 1 && (argv.get(1).equals("-v") || argv.get(1).equals("--version"))) {
            sys.out("Redis server v=" + VERSION + " sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=b7c6c4e5a2c8d3f1\n");
            return 0;
        }
        RedisServer r = new RedisServer(sys);
        Map<String, String> options = new LinkedHashMap<>();
        int i = 1;
        if (i < argv.size() && !argv.get(i).startsWith("--")) {
            r.configFile = argv.get(i++);
            try {
                for (String line : sys.readText(r.configFile).split("\n")) {
                    List<String> w = Resp.words(line.replaceAll("#.*", ""));
                    if (w.size() >= 2) {
                        options.put(w.get(0).toLowerCase(java.util.Locale.ROOT), w.get(1));
                    } else if (w.size() == 1) {
                        options.put(w.get(0).toLowerCase(java.util.Locale.ROOT), "");
                    }
                }
            } catch (SysError e) {
                sys.err("\n*** FATAL CONFIG FILE ERROR (Redis " + VERSION + ") ***\nFatal error, can't open config file '"
                        + r.configFile + "': " + e.getMessage() + "\n");
                return 1;
            }
        }
        for (; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("--")) {
                options.put(a.substring(2), i + 1 < argv.size() && !argv.get(i + 1).startsWith("--") ? argv.get(++i) : "");
            }
        }
        try {
            r.port = Integer.parseInt(options.getOrDefault("port", "6379"));
        } catch (NumberFormatException e) {
            sys.err("\n*** FATAL CONFIG FILE ERROR (Redis " + VERSION + ") ***\n>>> 'port \"" + options.get("port")
                    + "\"'\nargument couldn't be parsed into an integer\n");
            return 1;
        }
        r.save = !options.containsKey("save") || !options.get("save").isEmpty();
        r.dir = options.getOrDefault("dir", sys.getcwd());
        r.dbfilename = options.getOrDefault("dbfilename", r.dbfilename);
        return r.run();
    }

    long now() {
        return sys.timeMillis();
    }

    private void log(char role, char level, String message) {
        sys.out(pid + ":" + role + " " + Clock.strftime("%d %b %Y %H:%M:%S", now()) + String.format(".%03d", now() % 1000)
                + " " + level + " " + message + "\n");
    }

    private int run() {
        start = now();
        try {
            if (sys.readText("/proc/sys/vm/overcommit_memory").trim().equals("0")) {
                log('C', '#', "WARNING Memory overcommit must be enabled! Without it, a background save or replication"
                        + " may fail under low memory condition. Being disabled, it can also cause failures without low"
                        + " memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add"
                        + " 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl"
                        + " vm.overcommit_memory=1' for this to take effect.");
            }
        } catch (SysError e) {
            // no such sysctl: nothing to warn about
        }
        log('C', '*', "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
        log('C', '*', "Redis version=" + VERSION + ", bits=64, commit=00000000, modified=0, pid=" + pid + ", just started");
        if (configFile == null) {
            log('C', '#', "Warning: no config file specified, using the default config. In order to specify a config file"
                    + " use redis-server /path/to/redis.conf");
        } else {
            log('C', '*', "Configuration loaded");
        }
        log('M', '*', "monotonic clock: POSIX clock_gettime");
        int listener;
        try {
            listener = sys.listen(port);
        } catch (SysError e) {
            log('M', '#', "Warning: Could not create server TCP listening socket *:" + port + ": bind: "
                    + ErrnoText.describe(e).replaceFirst("^\\d+: ", ""));
            log('M', '#', "Failed listening on port " + port + " (tcp), aborting.");
            return 1;
        }
        log('M', '*', "Running mode=standalone, port=" + port + ".");
        log('M', '*', "Server initialized");
        load();
        log('M', '*', "Ready to accept connections tcp");
        sys.signal(Signals.SIGTERM, () -> signalled(Signals.SIGTERM));
        sys.signal(Signals.SIGINT, () -> signalled(Signals.SIGINT));
        while (true) {
            int c = sys.accept(listener);
            serve(c);
        }
    }

    private String rdbPath() {
        return Paths.join(dir, dbfilename);
    }

    private void load() {
        byte[] data;
        try {
            data = sys.read(rdbPath());
        } catch (SysError e) {
            return;
        }
        Rdb.Contents c;
        try {
            c = Rdb.read(data);
        } catch (IllegalArgumentException e) {
            log('M', '#', e.getMessage());
            sys.exit(1);
            return;
        }
        long t0 = now();
        log('M', '*', "Loading RDB produced by version " + c.aux().getOrDefault("redis-ver", "unknown"));
        if (c.aux().containsKey("ctime")) {
            log('M', '*', "RDB age " + (now() / 1000 - Long.parseLong(c.aux().get("ctime"))) + " seconds");
        }
        if (c.aux().containsKey("used-mem")) {
            log('M', '*', String.format("RDB memory usage when created %.2f Mb", Long.parseLong(c.aux().get("used-mem")) / 1048576.0));
        }
        int loaded = 0;
        int expired = 0;
        for (var db : c.dbs().entrySet()) {
            for (var e : db.getValue().entrySet()) {
                if (e.getValue().expireAt() != 0 && e.getValue().expireAt() <= now()) {
                    expired++;
                    continue;
                }
                store.put(db.getKey(), e.getKey(), e.getValue().value(), e.getValue().expireAt());
                loaded++;
            }
        }
        log('M', '*', "Done loading RDB, keys loaded: " + loaded + ", keys expired: " + expired + ".");
        log('M', '*', String.format("DB loaded from disk: %.3f seconds", (now() - t0) / 1000.0));
    }

    private void serve(int conn) {
        RedisCommands.Session session = new RedisCommands.Session();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        try {
            while (!session.quit) {
                byte[] data = sys.recv(conn);
                if (data.length == 0) {
                    break;
                }
                pending.writeBytes(data);
                int[] used = {0};
                byte[] buf = pending.toByteArray();
                List<List<String>> requests;
                try {
                    requests = Resp.requests(buf, used);
                } catch (NumberFormatException e) {
                    sys.send(conn, Resp.error("ERR Protocol error: invalid multibulk length"));
                    break;
                }
                pending.reset();
                pending.write(buf, used[0], buf.length - used[0]);
                for (List<String> req : requests) {
                    sys.send(conn, commands.exec(session, req));
                    if (session.quit) {
                        break;
                    }
                }
            }
        } catch (SysError e) {
            // the client went away
        } finally {
            try {
                sys.close(conn);
            } catch (SysError e) {
                // closed already
            }
        }
    }

    private void signalled(int sig) {
        sys.out(pid + ":signal-handler (" + now() / 1000 + ") Received " + Signals.name(sig) + " scheduling shutdown...\n");
        shutdown(sig, false);
    }

    /** SHUTDOWN or a signal: save the dataset (unless told not to) and exit. */
    void shutdown(Integer sig, boolean nosave) {
        log('M', '*', "User requested shutdown...");
        if (save && !nosave) {
            log('M', '*', "Saving the final RDB snapshot before exiting.");
            if (!save()) {
                log('M', '#', "Error trying to save the DB, can't exit.");
                return;
            }
        }
        log('M', '#', "Redis is now ready to exit, bye bye...");
        sys.exit(0);
    }

    boolean save() {
        Map<String, String> aux = new LinkedHashMap<>();
        aux.put("redis-ver", VERSION);
        aux.put("redis-bits", "64");
        aux.put("ctime", Long.toString(now() / 1000));
        aux.put("used-mem", Long.toString(store.used));
        try {
            sys.write(rdbPath(), Rdb.write(store.dbs, aux), false);
        } catch (SysError e) {
            log('M', '#', "Failed opening the temp RDB file temp-" + pid + ".rdb (in server root dir " + dir + ") for saving: "
                    + e.getMessage());
            return false;
        }
        lastSave = now();
        log('M', '*', "DB saved on disk");
        return true;
    }

    long lastSave() {
        return lastSave == 0 ? start : lastSave;
    }

    String info(String section) {
        boolean all = section.equals("default") || section.equals("all") || section.equals("everything");
        StringBuilder sb = new StringBuilder();
        if (all || section.equals("server")) {
            Sys.Uname u = sys.uname();
            long up = (now() - start) / 1000;
            sb.append("# Server\r\nredis_version:").append(VERSION).append("\r\nredis_git_sha1:00000000\r\nredis_git_dirty:0\r\n")
                    .append("redis_mode:standalone\r\nos:").append(u.sysname()).append(' ').append(u.release()).append(' ')
                    .append(u.machine()).append("\r\narch_bits:64\r\nprocess_id:").append(pid).append("\r\ntcp_port:")
                    .append(port).append("\r\nuptime_in_seconds:").append(up).append("\r\nuptime_in_days:")
                    .append(up / 86400).append("\r\nexecutable:").append(sys.argv().get(0)).append("\r\nconfig_file:")
                    .append(configFile == null ? "" : configFile).append("\r\n");
        }
        if (all || section.equals("memory")) {
            sb.append(sb.length() > 0 ? "\r\n" : "").append("# Memory\r\nused_memory:").append(store.used)
                    .append("\r\nused_memory_human:").append(String.format("%.2fK", store.used / 1024.0)).append("\r\n");
        }
        if (all || section.equals("keyspace")) {
            sb.append(sb.length() > 0 ? "\r\n" : "").append("# Keyspace\r\n");
            for (int db = 0; db < store.dbs.size(); db++) {
                int keys = store.size(db);
                if (keys > 0) {
                    long expires = store.dbs.get(db).values().stream().filter(e -> e.expireAt() != 0).count();
                    sb.append("db").append(db).append(":keys=").append(keys).append(",expires=").append(expires)
                            .append(",avg_ttl=0\r\n");
                }
            }
        }
        return sb.toString();
    }
}
