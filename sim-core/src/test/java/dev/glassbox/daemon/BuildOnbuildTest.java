package dev.glassbox.daemon;

import static dev.glassbox.daemon.BuildTest.NOTICE;
import static dev.glassbox.daemon.BuildTest.files;
import static dev.glassbox.daemon.BuildTest.ids;
import static dev.glassbox.daemon.BuildTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** ONBUILD with the classic builder: triggers kept in the image config, run at the start of a child build right after its FROM. */
class BuildOnbuildTest {
    @Test
    void triggersAreStoredThenRunInTheChildBuildRightAfterItsFrom() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            files(e).put("/home/student/base/Dockerfile", "FROM busybox\nONBUILD COPY note.txt /note.txt\nONBUILD RUN cat /note.txt\n")
                    .put("/home/student/app/Dockerfile", "FROM base:1\nCMD [\"cat\", \"/note.txt\"]\n")
                    .put("/home/student/app/note.txt", "from the child's context\n");
            Result base = ok(e, "docker build -t base:1 base");
            assertEquals("Step 1/3 : FROM busybox\n ---> <1>\n"
                    + "Step 2/3 : ONBUILD COPY note.txt /note.txt\n ---> Running in <2>\n ---> Removed intermediate container <2>\n ---> <3>\n"
                    + "Step 3/3 : ONBUILD RUN cat /note.txt\n ---> Running in <4>\n ---> Removed intermediate container <4>\n ---> <5>\n"
                    + "Successfully built <5>\nSuccessfully tagged base:1\n", ids(fromStep1(base.out())));
            assertEquals("[\"COPY note.txt /note.txt\",\"RUN cat /note.txt\"]\n",
                    ok(e, "docker image inspect -f '{{json .Config.OnBuild}}' base:1").out());

            Result child = ok(e, "docker build -t child:1 app");
            assertEquals("Step 1/2 : FROM base:1\n# Executing 2 build triggers\n"
                    + " ---> Running in <1>\nfrom the child's context\n ---> Removed intermediate container <1>\n ---> <2>\n"
                    + "Step 2/2 : CMD [\"cat\", \"/note.txt\"]\n ---> Running in <3>\n ---> Removed intermediate container <3>\n ---> <4>\n"
                    + "Successfully built <4>\nSuccessfully tagged child:1\n", ids(fromStep1(child.out())));
            assertEquals("from the child's context\n", ok(e, "docker run --rm child:1").out());
            assertEquals("null\n", ok(e, "docker image inspect -f '{{json .Config.OnBuild}}' child:1").out(), "triggers are not inherited");
            assertEquals("", ok(e, "docker ps -aq").out());
        }
    }

    private static String fromStep1(String out) {
        return out.substring(out.indexOf("Step 1/"));
    }

    @Test
    void aFailingTriggerFailsTheChildBuildInTheStream() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            files(e).put("/home/student/base/Dockerfile", "FROM busybox\nONBUILD RUN exit 3\n")
                    .put("/home/student/app/Dockerfile", "FROM base:2\nRUN true\n");
            ok(e, "docker build -t base:2 base");
            Result r = e.run("docker build app");
            assertEquals(3, r.exitStatus(), r.text());
            assertEquals("Step 1/2 : FROM base:2\n# Executing 1 build trigger\n ---> Running in <1>\n", ids(fromStep1(r.out())));
            assertEquals(NOTICE + "The command '/bin/sh -c exit 3' returned a non-zero code: 3\n", r.err());
        }
    }
}
