package dev.glassbox.engineapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The real docker CLI on this machine, pointed at a socket: run one line through {@code sh -c}. */
final class DockerCli {
    private DockerCli() {}

    /** The docker CLI to drive, or empty (then the tests that need it are skipped). No dockerd is ever started. */
    static Optional<Path> find() {
        for (String p : List.of("/usr/local/bin/docker", "/usr/bin/docker")) {
            Path path = Path.of(p);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    record Out(String out, String err, int exitStatus) {}

    /** Runs {@code line} with sh in {@code cwd}: DOCKER_HOST at the socket, HOME a fresh dir so no user config is read. */
    static Out run(Path docker, Path socket, Path home, Path cwd, String line) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", line).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", docker.getParent() + ":/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("DOCKER_HOST", "unix://" + socket);
        env.put("DOCKER_CLI_HINTS", "false");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = new CompletableFuture<>();
        Thread reader = new Thread(() -> { // a thread of its own: blocked on the common pool, it could hold up the engine's work there
            try {
                err.complete(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                err.completeExceptionally(new java.io.UncheckedIOException(e));
            }
        }, "docker-cli-stderr");
        reader.setDaemon(true);
        reader.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        return new Out(out, new String(err.join(), StandardCharsets.UTF_8), rc);
    }
}
