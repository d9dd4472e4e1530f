package dev.glassbox.engineapi;

import dev.glassbox.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The Engine API's cost, printed (a benchmark, not a test: nothing here passes or fails):
 * <ol>
 *   <li>requests per second of {@code GET /containers/json} over the UNIX socket (one keep-alive
 *       connection) against {@code engine.api().containers(false)} called in process, and the ratio;</li>
 *   <li>a {@code run --rm busybox true} round trip through the real docker CLI against {@code engine.run}, and the ratio;</li>
 *   <li>{@code docker ps} wall time through the CLI, median of 20.</li>
 * </ol>
 */
public final class ApiBench {
    private ApiBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("glassbox-bench");
        Path socket = dir.resolve("docker.sock");
        Path home = Files.createDirectories(dir.resolve("home"));
        Engine served = Engine.sim();
        try (EngineApiServer server = EngineApiServer.of(served).unix(socket); RawClient c = new RawClient(socket)) {
            c.call("POST", "/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest", null);
            for (int i = 0; i < 5; i++) {
                c.call("POST", "/v1.50/containers/create?name=w" + i, "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"]}");
                c.call("POST", "/v1.50/containers/w" + i + "/start", null);
            }
            double overSocket = perSecond(() -> c.call("GET", "/v1.50/containers/json", null), 2000, 20000);
            Engine local = Engine.sim();
            local.run("docker pull busybox");
            for (int i = 0; i < 5; i++) {
                local.run("docker run -d --name w" + i + " busybox sleep 1000");
            }
            double inProcess = perSecond(() -> local.api().containers(false), 2000, 200000);
            System.out.printf("GET /containers/json over the socket: %.0f req/s; engine.api().containers(false) in process: %.0f calls/s; in process / socket = %.1f%n",
                    overSocket, inProcess, inProcess / overSocket);

            Optional<Path> docker = DockerCli.find();
            if (docker.isEmpty()) {
                System.out.println("no docker CLI: the CLI figures are not measured");
                return;
            }
            Path cli = docker.get();
            for (int i = 0; i < 3; i++) {
                DockerCli.run(cli, socket, home, dir, "docker run --rm busybox true"); // warm-up
            }
            List<Long> viaCli = new ArrayList<>();
            List<Long> viaEngine = new ArrayList<>();
            List<Long> ps = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                DockerCli.run(cli, socket, home, dir, "docker run --rm busybox true");
                viaCli.add(System.nanoTime() - t0);
                t0 = System.nanoTime();
                local.run("docker run --rm busybox true");
                viaEngine.add(System.nanoTime() - t0);
                t0 = System.nanoTime();
                DockerCli.run(cli, socket, home, dir, "docker ps");
                ps.add(System.nanoTime() - t0);
            }
            double mCli = median(viaCli);
            double mEngine = median(viaEngine);
            System.out.printf("run --rm busybox true: docker CLI over the socket median %.1f ms; engine.run median %.2f ms; CLI / engine.run = %.0f%n",
                    mCli, mEngine, mCli / mEngine);
            System.out.printf("docker ps through the CLI: median of 20 %.1f ms (min %.1f, max %.1f)%n", median(ps), Collections.min(ps) / 1e6,
                    Collections.max(ps) / 1e6);
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Calls per second over {@code n} calls after {@code warm} unmeasured ones. */
    private static double perSecond(Work w, int warm, int n) throws Exception {
        for (int i = 0; i < warm; i++) {
            w.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            w.run();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return s.get(s.size() / 2) / 1e6;
    }
}
