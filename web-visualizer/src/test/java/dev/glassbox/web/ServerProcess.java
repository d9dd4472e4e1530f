package dev.glassbox.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The visualizer in a JVM of its own, started as {@code glassbox web} starts it (its options parsed from
 * the command line, its address printed once it listens), so that a test can kill it with SIGKILL.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts {@code glassbox web --port 0 --data DIR ARGS…} on this test's classpath and waits until it listens. */
    static ServerProcess start(Path data, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--port", "0", "--data", data.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = out.readLine();
        if (url == null || !url.startsWith("http://")) {
            p.destroyForcibly();
            throw new IOException("the server did not start: " + url);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "server-stdout");
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(p, URI.create(url));
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL (what {@code destroyForcibly} sends on Linux): no shutdown hook, no last save. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The child JVM's main: what {@code glassbox web ARGS} does, without the REPL module. */
    static final class Main {
        public static void main(String[] args) throws InterruptedException {
            Visualizer web = Visualizer.start(Visualizer.Options.parse(List.of(args)));
            System.out.println(web.url());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
