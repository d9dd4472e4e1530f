package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docker build} with the classic builder on the sim kernel: its output, its cache, its image. */
class BuildTest {
    static final String NOTICE = "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n"
            + "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n"
            + "            environment-variable.\n\n";
    static final String SIX_STEPS = "FROM alpine\nENV GREETING=hello\nWORKDIR /app\nCOPY hello.txt .\n"
            + "RUN cat hello.txt && echo $GREETING > /app/out.txt\nCMD [\"cat\", \"/app/out.txt\"]\n";

    static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    static MemoryWorkspace files(Engine e) {
        return (MemoryWorkspace) e.workspace();
    }

    /** The output with every 12-digit id replaced by its order of first appearance: <1>, <2>, …. */
    static String ids(String text) {
        List<String> seen = new ArrayList<>();
        Matcher m = Pattern.compile("\\b[0-9a-f]{12}\\b").matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            if (!seen.contains(m.group())) {
                seen.add(m.group());
            }
            m.appendReplacement(b, "<" + (seen.indexOf(m.group()) + 1) + ">");
        }
        m.appendTail(b);
        return b.toString();
    }

    @Test
    void aSixStepBuildPrintsWhatTheClassicBuilderPrintsColdThenCached() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull alpine");
            String alpine = ok(e, "docker images -q alpine").out().strip();
            files(e).put("/home/student/app/Dockerfile", SIX_STEPS).put("/home/student/app/hello.txt", "hi there\n");
            Result cold = ok(e, "docker build -t myapp:1 app");
            assertEquals(NOTICE, cold.err());
            assertEquals("Sending build context to Docker daemon  3.072kB\n"
                    + "Step 1/6 : FROM alpine\n ---> <1>\n"
                    + "Step 2/6 : ENV GREETING=hello\n ---> Running in <2>\n ---> Removed intermediate container <2>\n ---> <3>\n"
                    + "Step 3/6 : WORKDIR /app\n ---> Running in <4>\n ---> Removed intermediate container <4>\n ---> <5>\n"
                    + "Step 4/6 : COPY hello.txt .\n ---> <6>\n"
                    + "Step 5/6 : RUN cat hello.txt && echo $GREETING > /app/out.txt\n ---> Running in <7>\nhi there\n"
                    + " ---> Removed intermediate container <7>\n ---> <8>\n"
                    + "Step 6/6 : CMD [\"cat\", \"/app/out.txt\"]\n ---> Running in <9>\n ---> Removed intermediate container <9>\n ---> <10>\n"
                    + "Successfully built <10>\nSuccessfully tagged myapp:1\n", ids(cold.out()));
            assertTrue(cold.out().contains("FROM alpine\n ---> " + alpine + "\n"), cold.out());
            String built = ok(e, "docker images -q myapp:1").out().strip();
            assertTrue(cold.out().contains("Successfully built " + built + "\n"), cold.out());

            Result cached = ok(e, "docker build -t myapp:1 app");
            assertEquals("Sending build context to Docker daemon  3.072kB\n"
                    + "Step 1/6 : FROM alpine\n ---> <1>\n"
                    + "Step 2/6 : ENV GREETING=hello\n ---> Using cache\n ---> <2>\n"
                    + "Step 3/6 : WORKDIR /app\n ---> Using cache\n ---> <3>\n"
                    + "Step 4/6 : COPY hello.txt .\n ---> Using cache\n ---> <4>\n"
                    + "Step 5/6 : RUN cat hello.txt && echo $GREETING > /app/out.txt\n ---> Using cache\n ---> <5>\n"
                    + "Step 6/6 : CMD [\"cat\", \"/app/out.txt\"]\n ---> Using cache\n ---> <6>\n"
                    + "Successfully built <6>\nSuccessfully tagged myapp:1\n", ids(cached.out()));
            assertTrue(cached.out().contains("Successfully built " + built + "\n"), "the cached build gives the same image");
            assertEquals("hello\n", ok(e, "docker run --rm myapp:1").out());
            assertEquals("", ok(e, "docker ps -aq").out(), "no build container is left");
        }
    }

    @Test
    void historyShowsTheClassicBuildersLinesAndImagesHideTheIntermediateOnes() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", SIX_STEPS).put("/home/student/app/hello.txt", "hi there\n");
            ok(e, "docker build -t myapp:1 app");
            Result h = ok(e, "docker history --no-trunc --format '{{.CreatedBy}}|{{.Size}}' myapp:1");
            List<String> lines = h.out().lines().toList();
            assertEquals("/bin/sh -c #(nop)  CMD [\"cat\" \"/app/out.txt\"]|0B", lines.get(0));
            assertEquals("/bin/sh -c cat hello.txt && echo $GREETING > /app/out.txt|6B", lines.get(1));
            assertTrue(lines.get(2).matches("/bin/sh -c #\\(nop\\) COPY file:[0-9a-f]{64} in \\. \\|9B"), lines.get(2));
            assertEquals("/bin/sh -c #(nop) WORKDIR /app|0B", lines.get(3));
            assertEquals("/bin/sh -c #(nop)  ENV GREETING=hello|0B", lines.get(4));
            assertEquals(List.of("myapp", "alpine"), ok(e, "docker images --format '{{.Repository}}'").out().lines().toList());
            assertEquals(6, ok(e, "docker images -a -q").out().lines().count(), "-a lists the 4 intermediate images too");
        }
    }

    @Test
    void noCacheRunsEveryStepAgain() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", SIX_STEPS).put("/home/student/app/hello.txt", "hi there\n");
            ok(e, "docker build app");
            Result again = ok(e, "docker build --no-cache app");
            assertFalse(again.out().contains("Using cache"), again.out());
            assertEquals(4, again.out().split("Running in").length - 1, again.out());
        }
    }

    @Test
    void aChangedFileBustsItsStepAndEveryLaterOneButTheSameContentDoesNot() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", SIX_STEPS).put("/home/student/app/hello.txt", "hi there\n");
            ok(e, "docker build app");
            files(e).put("/home/student/app/hello.txt", "hi there\n");
            assertEquals(5, ok(e, "docker build app").out().split("Using cache").length - 1, "same content: all cached");
            files(e).put("/home/student/app/hello.txt", "changed\n");
            Result r = ok(e, "docker build -t changed app");
            assertEquals(2, r.out().split("Using cache").length - 1, r.out());
            assertTrue(r.out().contains("Step 4/6 : COPY hello.txt .\n ---> ") && !r.out().contains("COPY hello.txt .\n ---> Using cache"), r.out());
            assertTrue(r.out().contains("changed\n ---> Removed"), r.out());
        }
    }

    @Test
    void aFailingRunStopsTheBuildWithItsCodeAndTheStepsBeforeItStayCached() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nRUN echo one > /one\nRUN echo failing && exit 3\n");
            Result r = e.run("docker build app");
            assertEquals(3, r.exitStatus(), r.text());
            assertEquals(NOTICE + "The command '/bin/sh -c echo failing && exit 3' returned a non-zero code: 3\n", r.err());
            assertTrue(ids(r.out()).endsWith("Step 3/3 : RUN echo failing && exit 3\n ---> Running in <5>\nfailing\n"), ids(r.out()));
            assertEquals(1, ok(e, "docker ps -aq").out().lines().count(), "the failed step's container stays, as with Docker");
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nRUN echo one > /one\nRUN cat /one\n");
            Result fixed = ok(e, "docker build -t fixed app");
            assertTrue(fixed.out().contains("Step 2/3 : RUN echo one > /one\n ---> Using cache\n"), fixed.out());
            assertTrue(fixed.out().contains("Step 3/3 : RUN cat /one\n ---> Running in "), fixed.out());
        }
    }

    @Test
    void aMultiStageBuildCopiesFromAnEarlierStageAndTargetStopsThere() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", "FROM busybox AS builder\nRUN mkdir /out && echo built > /out/artifact\n"
                    + "FROM alpine\nCOPY --from=builder /out/artifact /srv/artifact\nCMD [\"cat\", \"/srv/artifact\"]\n");
            Result r = ok(e, "docker build -t multi app");
            assertTrue(r.out().contains("Step 4/5 : COPY --from=builder /out/artifact /srv/artifact\n ---> "), r.out());
            assertEquals("built\n", ok(e, "docker run --rm multi").out());
            assertEquals("", e.run("docker run --rm multi ls /out").out(), "the final image holds only what was copied");
            Result target = ok(e, "docker build --target builder -t stage1 app");
            assertTrue(target.out().contains("Step 2/2 : RUN mkdir"), target.out());
            assertEquals("built\n", ok(e, "docker run --rm stage1 cat /out/artifact").out());
            Result missing = e.run("docker build --target nope app");
            assertEquals(1, missing.exitStatus());
            assertEquals(NOTICE + "Error response from daemon: target stage \"nope\" could not be found\n", missing.err());
        }
    }

    @Test
    void quietPrintsOnlyTheImageId() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nLABEL team=blue\n");
            Result r = ok(e, "docker build -q -t q1 app");
            assertTrue(r.out().matches("sha256:[0-9a-f]{64}\n"), r.out());
            assertEquals(r.out(), ok(e, "docker images -q --no-trunc q1").out());
            assertEquals("blue\n", ok(e, "docker inspect -f '{{.Config.Labels.team}}' q1").out());
        }
    }

    @Test
    void buildArgsReachRunAndTheUnusedOnesAreNamed() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", "ARG BASE=busybox\nFROM $BASE\nARG WHO=world\nRUN echo hello $WHO\n");
            Result r = ok(e, "docker build --build-arg WHO=class --build-arg EXTRA=1 -t args app");
            assertTrue(r.out().startsWith("Sending build context to Docker daemon  2.048kB\nStep 1/4 : ARG BASE=busybox\nStep 2/4 : FROM $BASE\n"), r.out());
            assertTrue(r.out().contains("hello class\n"), r.out());
            assertTrue(r.out().contains("[Warning] One or more build-args [EXTRA] were not consumed\nSuccessfully built "), r.out());
            Result h = ok(e, "docker history --no-trunc --format '{{.CreatedBy}}' args");
            assertEquals("|1 WHO=class /bin/sh -c echo hello $WHO", h.out().lines().findFirst().orElseThrow());
        }
    }
}
