package dev.glassbox.engineapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker 28 CLI with DOCKER_BUILDKIT=0 against POST /build, line by line against the same
 * builds typed into {@code Engine.run}: the legacy notice, the context size, the steps, the cache, a
 * failing RUN's status, a parse error and {@code -q} print the same (ids masked); so do ONBUILD, the flags only
 * BuildKit carries out, and {@code docker builder prune}.
 */
class BuildCliTest {
    @TempDir
    Path dir;

    @Test
    void theRealCliBuildsAsTheReplDoes() throws Exception {
        Path docker = DockerCli.find().orElse(null);
        Assumptions.assumeTrue(docker != null, "no docker CLI on this machine");
        Path socket = dir.resolve("docker.sock");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path app = Files.createDirectories(cwd.resolve("app"));
        Path bad = Files.createDirectories(cwd.resolve("bad"));
        Path fail = Files.createDirectories(cwd.resolve("fail"));
        String dockerfile = "FROM busybox\nENV GREETING=hello\nWORKDIR /app\nCOPY hello.txt .\nRUN cat hello.txt && echo $GREETING\nCMD [\"cat\", \"hello.txt\"]\n";
        Files.writeString(app.resolve("Dockerfile"), dockerfile);
        Files.writeString(app.resolve("hello.txt"), "hi there\n");
        Files.writeString(bad.resolve("Dockerfile"), "FROM busybox\nRUN true\nRUNN true\n");
        Files.writeString(fail.resolve("Dockerfile"), "FROM busybox\nRUN echo before && exit 3\n");
        Engine repl = Engine.sim();
        ((MemoryWorkspace) repl.workspace()).put("/home/student/app/Dockerfile", dockerfile).put("/home/student/app/hello.txt", "hi there\n")
                .put("/home/student/bad/Dockerfile", "FROM busybox\nRUN true\nRUNN true\n")
                .put("/home/student/fail/Dockerfile", "FROM busybox\nRUN echo before && exit 3\n");
        Map<String, String> more = Map.of(
                "args/Dockerfile", "ARG BASE=busybox\nFROM $BASE\nARG WHO=world\nRUN echo hello $WHO\n",
                "multi/Dockerfile", "FROM busybox AS builder\nRUN echo built > /artifact\nFROM busybox\nCOPY --from=builder /artifact /srv/\n",
                "missing/Dockerfile", "FROM busybox\nCOPY nope.txt /\n",
                "ign/Dockerfile", "FROM busybox\nCOPY . /ctx/\nRUN find /ctx -type f | sort\n",
                "ign/.dockerignore", "**/*.log\nbuild\n!build/keep.txt\n",
                "ign/src/app.log", "x", "ign/src/main.c", "int main;", "ign/build/out.o", "o", "ign/build/keep.txt", "k");
        more = new java.util.HashMap<>(more);
        more.putAll(Map.of("onb/Dockerfile", "FROM busybox\nONBUILD RUN echo triggered\nONBUILD ENV FROM_BASE=1\n",
                "onchild/Dockerfile", "FROM onbase:1\nRUN echo child $FROM_BASE\n",
                "chmod/Dockerfile", "FROM busybox\nCOPY --chmod=755 Dockerfile /\n",
                "mount/Dockerfile", "FROM busybox\nRUN --mount=type=cache,target=/c true\n",
                "flag/Dockerfile", "FROM busybox\nCOPY --chmd=755 Dockerfile /\n",
                "chain/Dockerfile", "FROM busybox\nONBUILD ONBUILD RUN true\n"));
        for (Map.Entry<String, String> f : more.entrySet()) {
            Files.createDirectories(cwd.resolve(f.getKey()).getParent());
            Files.writeString(cwd.resolve(f.getKey()), f.getValue());
            ((MemoryWorkspace) repl.workspace()).put("/home/student/" + f.getKey(), f.getValue());
        }
        List<String> lines = List.of("docker build -t cli:1 app", "docker build -t cli:1 app", "docker build bad", "docker build fail",
                "docker build -q --no-cache app", "docker run --rm cli:1", "docker build --build-arg WHO=class --build-arg EXTRA=1 args",
                "docker build --target builder multi", "docker build multi", "docker build missing", "docker build ign",
                "docker build -f app/Dockerfile app", "docker build -t onbase:1 onb", "docker build onchild", "docker build chmod",
                "docker build mount", "docker build flag", "docker build chain", "docker builder prune -f", "docker builder prune -a -f",
                "docker builder prune", "docker builder prune -a", "docker builder", "docker builder build -q chmod", "docker build -q bad", "docker system");
        List<String> diffs = new ArrayList<>();
        try (EngineApiServer server = EngineApiServer.of(Engine.sim()).unix(socket)) {
            for (String line : lines) {
                DockerCli.Out cli = DockerCli.run(docker, socket, home, cwd, "DOCKER_BUILDKIT=0 " + line);
                Result sim = repl.run(line);
                String want = "out:\n" + DockerCliTest.mask(sim.out()) + "err:\n" + DockerCliTest.mask(sim.err()) + "status " + sim.exitStatus();
                String got = "out:\n" + DockerCliTest.mask(DockerCliTest.cliOut(cli.out())) + "err:\n" + DockerCliTest.mask(cli.err())
                        + "status " + cli.exitStatus();
                if (!want.equals(got)) {
                    diffs.add("$ " + line + "\n--- engine.run\n" + want + "\n--- docker CLI\n" + got + "\n");
                }
            }
        }
        assertEquals("", String.join("\n", diffs), diffs.size() + " lines differ");
    }
}
