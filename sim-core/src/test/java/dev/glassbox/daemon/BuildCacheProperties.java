package dev.glassbox.daemon;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random Dockerfiles built twice, with one edit between (a RUN line changed, a copied file's content
 * changed, a file touched with the same content, nothing): a step comes from the cache exactly when its
 * parent image and its key (the instruction, or for COPY the content) are the ones of the first build,
 * and the image holds the files a small model of the instructions says.
 */
class BuildCacheProperties {
    /** One generated instruction: kind 0 RUN echo WORD > /fN, 1 COPY cN.txt /c/, 2 ENV VN=WORD, 3 WORKDIR /wN, 4 LABEL lN=WORD. */
    record Step(int kind, int n, String word) {
        String line() {
            return switch (kind) {
                case 0 -> "RUN echo " + word + " > /f" + n;
                case 1 -> "COPY c" + n + ".txt /c/";
                case 2 -> "ENV V" + n + "=" + word;
                case 3 -> "WORKDIR /w" + n;
                default -> "LABEL l" + n + "=" + word;
            };
        }
    }

    /** The edit between the builds: 0 change a RUN's word, 1 change a context file, 2 rewrite it unchanged, 3 nothing. */
    record Edit(int kind, int which, String word) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> words = Arbitraries.strings().withChars("abcxyz").ofMinLength(1).ofMaxLength(4);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2), words).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 5),
                Arbitraries.strings().withChars("klm").ofMinLength(1).ofMaxLength(3)).as(Edit::new);
    }

    @Property(tries = 15)
    void aStepIsReusedExactlyWhenItsParentAndKeyAreUnchanged(@ForAll("steps") List<Step> steps, @ForAll("edits") Edit edit) {
        try (Engine e = Engine.sim()) {
            MemoryWorkspace ws = (MemoryWorkspace) e.workspace();
            Map<String, String> context = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                context.put("c" + i + ".txt", "content " + i + "\n");
            }
            write(ws, steps, context);
            List<Built> first = build(e);
            List<Step> after = new ArrayList<>(steps);
            Map<String, String> changed = new LinkedHashMap<>(context);
            switch (edit.kind()) {
                case 0 -> {
                    int i = edit.which() % after.size();
                    Step s = after.get(i);
                    after.set(i, new Step(0, s.n(), edit.word()));
                }
                case 1 -> changed.put("c" + edit.which() % 3 + ".txt", "changed " + edit.word() + "\n");
                default -> { }
            }
            write(ws, after, changed);
            List<Built> second = build(e);
            for (int i = 0; i < after.size(); i++) {
                Step s1 = steps.get(i);
                Step s2 = after.get(i);
                boolean sameKey = s1.line().equals(s2.line())
                        && (s2.kind() != 1 || context.get("c" + s2.n() + ".txt").equals(changed.get("c" + s2.n() + ".txt")));
                boolean sameParent = first.get(i).parent().equals(second.get(i).parent());
                if (second.get(i).cached() != (sameKey && sameParent)) {
                    throw new AssertionError("step " + (i + 1) + " " + s2.line() + ": cached " + second.get(i).cached() + ", same key "
                            + sameKey + ", same parent " + sameParent + "\n" + steps + " then " + after);
                }
            }
            checkFiles(e, second.get(second.size() - 1).image(), after, changed);
        }
    }

    private static void write(MemoryWorkspace ws, List<Step> steps, Map<String, String> context) {
        StringBuilder df = new StringBuilder("FROM busybox\n");
        steps.forEach(s -> df.append(s.line()).append('\n'));
        ws.put("/home/student/app/Dockerfile", df.toString());
        context.forEach((k, v) -> ws.put("/home/student/app/" + k, v));
    }

    /** A step of a build's output: the image it started from, whether it came from the cache, the image it made. */
    record Built(String parent, boolean cached, String image) {}

    private static List<Built> build(Engine e) {
        Result r = e.run("docker build app");
        if (r.exitStatus() != 0) {
            throw new AssertionError(r.text());
        }
        List<Built> out = new ArrayList<>();
        String[] blocks = r.out().split("Step \\d+/\\d+ : ");
        String parent = last(blocks[1]);
        for (int i = 2; i < blocks.length; i++) {
            String image = last(blocks[i]);
            out.add(new Built(parent, blocks[i].contains("\n ---> Using cache\n"), image));
            parent = image;
        }
        return out;
    }

    private static String last(String block) {
        String id = null;
        for (String line : block.split("\n")) {
            if (line.matches(" ---> [0-9a-f]{12}")) {
                id = line.substring(6);
            }
        }
        return Objects.requireNonNull(id, block);
    }

    /** The model: RUN leaves /fN with its word, COPY leaves /c/cN.txt with the context's content, WORKDIR a directory. */
    private static void checkFiles(Engine e, String image, List<Step> steps, Map<String, String> context) {
        Map<String, String> files = new LinkedHashMap<>();
        List<String> dirs = new ArrayList<>();
        for (Step s : steps) {
            switch (s.kind()) {
                case 0 -> files.put("/f" + s.n(), s.word() + "\n");
                case 1 -> files.put("/c/c" + s.n() + ".txt", context.get("c" + s.n() + ".txt"));
                case 3 -> dirs.add("/w" + s.n());
                default -> { }
            }
        }
        StringBuilder cmd = new StringBuilder("docker run --rm " + image + " sh -c 'true");
        StringBuilder expected = new StringBuilder();
        files.forEach((path, content) -> {
            cmd.append("; cat ").append(path);
            expected.append(content);
        });
        for (String d : dirs) {
            cmd.append("; test -d ").append(d).append(" && echo dir ").append(d);
            expected.append("dir ").append(d).append('\n');
        }
        Result r = e.run(cmd.append("'").toString());
        if (r.exitStatus() != 0 || !r.out().equals(expected.toString())) {
            throw new AssertionError("files of " + steps + ": expected\n" + expected + "but got\n" + r.text());
        }
    }
}
