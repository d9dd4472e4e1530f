package dev.glassbox.sim.programs.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.Signals;
import dev.glassbox.sim.SimBox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisTest {
    private final SimBox w = new SimBox();
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    RedisTest() {
        w.binary("/usr/local/bin/redis-server", "redis-server");
        w.binary("/usr/local/bin/redis-cli", "redis-cli");
        w.mkdirs("/data");
    }

    @AfterEach
    void noCrashes() {
        w.close();
        assertEquals(List.of(), w.crashes());
    }

    private int start(String... extra) {
        List<String> argv = new java.util.ArrayList<>(List.of("redis-server"));
        argv.addAll(List.of(extra));
        int p = w.start(argv, List.of("PATH=" + SimBox.PATH), "/data", "", out, err);
        w.until(() -> out.toString().contains("Ready to accept connections"), "redis to start");
        return p;
    }

    private String log() {
        return out.toString();
    }

    private String cli(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "redis-cli";
        System.arraycopy(args, 0, argv, 1, args.length);
        SimBox.Result r = w.run("", argv);
        return r.out() + r.err();
    }

    @Test
    void logsItsStartLikeRedis74() {
        start();
        assertEquals("1:C 01 Jan 2024 00:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n"
                + "1:C 01 Jan 2024 00:00:00.000 * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started\n"
                + "1:C 01 Jan 2024 00:00:00.000 # Warning: no config file specified, using the default config. In order to"
                + " specify a config file use redis-server /path/to/redis.conf\n"
                + "1:M 01 Jan 2024 00:00:00.000 * monotonic clock: POSIX clock_gettime\n"
                + "1:M 01 Jan 2024 00:00:00.000 * Running mode=standalone, port=6379.\n"
                + "1:M 01 Jan 2024 00:00:00.000 * Server initialized\n"
                + "1:M 01 Jan 2024 00:00:00.000 * Ready to accept connections tcp\n", log());
    }

    @Test
    void answersCommandsAsRedisCliPrintsThemWithoutATerminal() {
        start();
        assertEquals("PONG\n", cli("PING"));
        assertEquals("OK\n", cli("SET", "greeting", "hello world"));
        assertEquals("hello world\n", cli("GET", "greeting"));
        assertEquals("\n", cli("GET", "missing"));
        assertEquals("1\n", cli("INCR", "hits"));
        assertEquals("2\n", cli("INCR", "hits"));
        assertEquals("1\n", cli("DECR", "hits"));
        assertEquals("ERR value is not an integer or out of range\n\n", cli("INCR", "greeting"));
        assertEquals("greeting\nhits\n", cli("KEYS", "*"));
        assertEquals("2\n", cli("DBSIZE"));
        assertEquals("1\n", cli("EXISTS", "hits"));
        assertEquals("1\n", cli("DEL", "hits"));
        assertEquals("ERR unknown command 'FOO', with args beginning with: 'bar' \n\n", cli("FOO", "bar"));
        assertEquals("ERR wrong number of arguments for 'get' command\n\n", cli("GET"));
        assertEquals("OK\n", cli("SET", "tmp", "x", "EX", "10"));
        assertEquals("10\n", cli("TTL", "tmp"));
        assertTrue(cli("INFO", "server").contains("redis_version:7.4.1\r\n"));
        assertEquals("Could not connect to Redis at 127.0.0.1:6380: Connection refused\n", cli("-p", "6380", "PING"));
    }

    @Test
    void readsCommandsFromStdinWithoutArguments() {
        start();
        SimBox.Result r = w.run("SET a 1\nINCRBY a 41\nGET a\n", "redis-cli");
        assertEquals("OK\n42\n42\n", r.out());
    }

    @Test
    void storedDataCountsAsProcessMemory() {
        int p = start();
        long base = w.rss(p);
        cli("SET", "k", "v".repeat(1000));
        assertEquals(1 + 1000 + RedisStore.OVERHEAD, w.rss(p) - base);
        cli("DEL", "k");
        assertEquals(base, w.rss(p));
    }

    @Test
    void sigtermSavesTheDatasetAndExits() {
        int p = start();
        cli("SET", "persisted", "yes");
        w.kill(p, Signals.SIGTERM);
        assertEquals(0, w.await(p));
        String log = log();
        assertTrue(log.contains("1:signal-handler (1704067200) Received SIGTERM scheduling shutdown...\n"
                + "1:M 01 Jan 2024 00:00:00.000 * User requested shutdown...\n"
                + "1:M 01 Jan 2024 00:00:00.000 * Saving the final RDB snapshot before exiting.\n"
                + "1:M 01 Jan 2024 00:00:00.000 * DB saved on disk\n"
                + "1:M 01 Jan 2024 00:00:00.000 # Redis is now ready to exit, bye bye...\n"), log);
        assertTrue(w.exists("/data/dump.rdb"));

        out.setLength(0);
        start();
        assertTrue(log().contains("* Done loading RDB, keys loaded: 1, keys expired: 0.\n"), log());
        assertEquals("yes\n", cli("GET", "persisted"));
    }

    @Test
    void shutdownCommandEndsTheServer() {
        int p = start("--port", "7000", "--save", "");
        assertEquals("", cli("-p", "7000", "SHUTDOWN"));
        assertEquals(0, w.await(p));
        assertTrue(!w.exists("/data/dump.rdb"));
    }

    @Test
    void busyPortAbortsTheStart() {
        start();
        StringBuilder o = new StringBuilder();
        int second = w.start("", o, new StringBuilder(), "redis-server");
        assertEquals(1, w.await(second));
        assertTrue(o.toString().endsWith("# Warning: Could not create server TCP listening socket *:6379: bind: Address"
                + " already in use\n2:M 01 Jan 2024 00:00:00.000 # Failed listening on port 6379 (tcp), aborting.\n"), o.toString());
    }
}
