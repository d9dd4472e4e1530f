package dev.glassbox.repl;

import dev.glassbox.lab.AuthorCheck;
import dev.glassbox.lab.Lesson;
import dev.glassbox.lab.Lessons;
import dev.glassbox.world.World;
import java.io.PrintWriter;
import java.util.List;

/** {@code glassbox lab verify}: the author self-test of every lesson in a folder, on the sim kernel, as the build runs it. */
final class LabVerify {
    private LabVerify() {}

    static int run(Lessons lessons, PrintWriter out, PrintWriter err) {
        int failed = 0;
        for (String problem : lessons.problems()) {
            err.println("glassbox: " + problem);
            failed++;
        }
        for (Lesson l : lessons.all()) {
            List<String> failures = AuthorCheck.verify(l, () -> World.sim().engine()); // a world, as a lab at the prompt has: node add works
            if (failures.isEmpty()) {
                out.println("✓ " + l.id() + ": its solution meets every goal" + (l.nearMisses().isEmpty() ? "" : ", and its "
                        + l.nearMisses().size() + " near miss" + (l.nearMisses().size() == 1 ? "" : "es") + " leave their goals unmet"));
            } else {
                failed++;
                failures.forEach(f -> err.println("✗ " + f));
            }
        }
        out.println(lessons.all().size() - (failed - lessons.problems().size()) + " of " + (lessons.all().size() + lessons.problems().size())
                + " lessons hold");
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }
}
