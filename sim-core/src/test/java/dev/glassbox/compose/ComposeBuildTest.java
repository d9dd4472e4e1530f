package dev.glassbox.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Services with a {@code build} section: the classic builder through the API, the context from the client's workspace. */
class ComposeBuildTest {
    private Engine engine;
    private MemoryWorkspace files;

    @BeforeEach
    void start() {
        engine = Engine.sim();
        files = new MemoryWorkspace("/home/student/shop");
        engine.workspace(files);
        engine.run("docker pull -q busybox");
        files.put("web/Dockerfile", "FROM busybox\nCOPY greeting.txt /greeting.txt\nCMD [\"cat\", \"/greeting.txt\"]\n");
        files.put("web/greeting.txt", "built by compose\n");
        files.put("web/.dockerignore", "secret.txt\n");
        files.put("web/secret.txt", "do not send\n");
        files.put("compose.yaml", "services:\n  web:\n    build: ./web\n");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void upBuildsAMissingImageNamedAfterProjectAndServiceThenRunsIt() {
        Result r = engine.run("docker compose up");
        assertEquals(0, r.exitStatus(), r.text());
        assertTrue(r.out().startsWith("Sending build context to Docker daemon "), r.out());
        assertTrue(r.out().contains("Step 1/4 : FROM busybox\n"), r.out());
        assertTrue(r.out().contains("Step 4/4 : LABEL \"com.docker.compose.image.builder\"=\"classic\"\n"), r.out());
        assertTrue(r.out().contains("Successfully tagged shop-web:latest\n"), r.out());
        assertTrue(r.err().startsWith("[+] Building 1/1\n ✔ web  Built "), r.err());
        assertTrue(r.err().contains(" ✔ Container shop-web-1  Started "), r.err());
        assertTrue(r.out().endsWith("Attaching to web-1\nweb-1  | built by compose\nweb-1 exited with code 0\n"), r.out());
        assertTrue(engine.run("docker images --format {{.Repository}}").out().contains("shop-web\n"));
    }

    @Test
    void buildSendsTheContextWithoutWhatDockerignoreLeavesOut() {
        files.put("web/Dockerfile", "FROM busybox\nCOPY . /ctx\nCMD [\"ls\", \"/ctx\"]\n");
        Result r = engine.run("docker compose build");
        assertEquals(0, r.exitStatus(), r.text());
        assertEquals("Dockerfile\ngreeting.txt\n", engine.run("docker run --rm shop-web").out());
        assertTrue(r.err().startsWith("[+] Building 1/1\n ✔ web  Built "), r.err());
    }

    @Test
    void aSecondUpReusesTheImageAndUpBuildRebuildsIt() {
        assertEquals(0, engine.run("docker compose up -d").exitStatus());
        Result again = engine.run("docker compose up -d");
        assertTrue(!again.out().contains("Step 1/4"), again.out());
        files.put("web/greeting.txt", "rebuilt\n");
        Result rebuilt = engine.run("docker compose up --build -d");
        assertEquals(0, rebuilt.exitStatus(), rebuilt.text());
        assertTrue(rebuilt.out().contains("Step 2/4 : COPY greeting.txt /greeting.txt\n"), rebuilt.out());
        assertEquals("web-1  | rebuilt\n", engine.run("docker compose logs").out());
    }

    @Test
    void aFailingStepStopsTheUpWithTheBuildersMessage() {
        files.put("web/Dockerfile", "FROM busybox\nRUN exit 3\n");
        Result r = engine.run("docker compose up -d");
        assertEquals(1, r.exitStatus());
        assertTrue(r.err().endsWith("The command '/bin/sh -c exit 3' returned a non-zero code: 3\n"), r.err());
        assertEquals("", engine.run("docker ps -aq --filter label=com.docker.compose.project=shop").out());
    }
}
