package dev.glassbox.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Heap a classroom server holds per web session, beside the baseline of the server's heap before any session: 100
 * sessions made as the server makes them (an engine on the sim kernel with trace state capture on, the lab pane, the
 * completion), each after the first command a student types, then after a running nginx container.
 *
 * <p>{@code mvn -o -q -Pbench-web -pl web-visualizer -am verify -DskipTests} runs it with the other web benchmarks.
 */
public final class SessionHeapBench {
    private SessionHeapBench() {}

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void must(WebSession s, String line) {
        WebSession.Outcome o = s.run(line, System.currentTimeMillis());
        if (!o.result().ok()) {
            throw new IllegalStateException(line + ": " + o.result().text());
        }
    }

    public static void main(String[] args) {
        int n = Integer.getInteger("bench.sessions", 100);
        WebSession warm = new WebSession("0".repeat(32), "1".repeat(32), 1, false, Limits.defaults(), System.currentTimeMillis());
        must(warm, "docker ps"); // the lessons and the classes every session shares are loaded before the baseline
        long base = usedHeap();
        List<WebSession> sessions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WebSession s = new WebSession(String.format("%032x", i + 2), String.format("%032x", i + 1000), 1, false, Limits.defaults(),
                    System.currentTimeMillis());
            must(s, "docker ps");
            sessions.add(s);
        }
        long idle = (usedHeap() - base) / n;
        System.out.printf("heap per idle web session (after `docker ps`): %d bytes | baseline server heap %d bytes | ratio %.4f%n", idle,
                base, idle / (double) base);
        long before = usedHeap();
        for (WebSession s : sessions) {
            must(s, "docker run -d --name web nginx");
        }
        long withNginx = (usedHeap() - before) / n;
        System.out.printf("heap per session for `docker run -d --name web nginx` (the pull, the container, its trace): %d bytes%n", withNginx);
    }
}
