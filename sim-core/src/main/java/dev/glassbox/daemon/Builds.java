package dev.glassbox.daemon;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.BuildRequest;
import dev.glassbox.api.DockerException;
import dev.glassbox.daemon.dockerfile.Dockerfile;
import dev.glassbox.daemon.dockerfile.Instruction;
import dev.glassbox.daemon.dockerfile.ShellLex;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * POST /build with the classic builder (moby's builder/dockerfile): the Dockerfile parsed, the stages
 * up to {@code --target} run step by step ({@code Step 2/6 : RUN …}, {@code  ---> 3c2d…}), the last
 * stage's image tagged. Errors before the first step come back as the request's error; after it, in the
 * stream, as Docker's are.
 */
final class Builds {
    private final Daemon d;
    private final BuildImages images;

    Builds(Daemon d) {
        this.d = d;
        this.images = new BuildImages(d);
    }

    String build(BuildRequest req, Consumer<String> output) {
        try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "build", req.dockerfile(),
                "The classic builder reads the Dockerfile from the build context and runs its instructions one by one, each committed as an image.",
                "dockerd: builder/dockerfile")) {
            Map<String, FileEntry> context = new TreeMap<>();
            for (FileEntry e : req.context()) {
                String p = BuildImages.strip(e.path());
                if (!p.isEmpty() && !p.equals(".")) {
                    context.put(p, e);
                }
            }
            String name = BuildImages.strip(req.dockerfile());
            FileEntry df = context.get(name);
            if (df == null || df.type() != FileEntry.Type.FILE) {
                throw DockerException.invalid("Cannot locate specified Dockerfile: " + req.dockerfile());
            }
            Dockerfile file = Dockerfile.parse(new String(df.data(), StandardCharsets.UTF_8), req.dockerfile());
            List<Dockerfile.Stage> stages = new ArrayList<>(file.stages());
            if (req.target() != null && !req.target().isEmpty()) {
                int ix = file.stageIndex(req.target());
                if (ix < 0) {
                    throw DockerException.invalid("target stage \"" + req.target() + "\" could not be found");
                }
                stages = new ArrayList<>(stages.subList(0, ix + 1));
            }
            if (!req.labels().isEmpty()) {
                Dockerfile.Stage last = stages.get(stages.size() - 1);
                List<Instruction> cmds = new ArrayList<>(last.commands());
                for (Map.Entry<String, String> l : new TreeMap<>(req.labels()).entrySet()) {
                    cmds.add(new Instruction.Label(0, "LABEL \"" + l.getKey() + "\"=\"" + l.getValue() + "\"",
                            List.of(new Instruction.Pair("'" + l.getKey() + "'", "'" + l.getValue() + "'"))));
                }
                stages.set(stages.size() - 1, new Dockerfile.Stage(last.from(), cmds));
            }
            return run(req, file, stages, context, output);
        }
    }

    private String run(BuildRequest req, Dockerfile file, List<Dockerfile.Stage> stages, Map<String, FileEntry> context, Consumer<String> out) {
        int total = file.metaArgs().size() + stages.size();
        for (Dockerfile.Stage st : stages) {
            total += st.commands().size();
        }
        int step = 1;
        BuildArgs args = new BuildArgs(req.buildArgs());
        for (Instruction.Arg a : file.metaArgs()) {
            out.accept("Step " + step++ + "/" + total + " : " + a.original() + "\n");
            ShellLex lex = new ShellLex(file.escape(), args.metaValues());
            for (Instruction.ArgDef def : a.args()) {
                args.addMeta(def.key(), def.value() == null ? null : lex.word(def.value()));
            }
        }
        Map<String, Image> done = new LinkedHashMap<>();
        List<Image> byIndex = new ArrayList<>();
        BuildCopy copies = new BuildCopy(d, images, context, ref -> stageOrImage(ref, done, byIndex, out));
        BuildSteps steps = new BuildSteps(d, images, copies, req.noCache());
        BuildStage current = null;
        for (Dockerfile.Stage stage : stages) {
            Instruction.From from = stage.from();
            out.accept("Step " + step++ + "/" + total + " : " + from.original() + "\n");
            if (!from.stageName().isEmpty() && done.containsKey(from.stageName())) {
                throw DockerException.invalid(from.stageName() + " stage name already used");
            }
            String ref = new ShellLex(file.escape(), args.metaValues()).word(from.image());
            Image base;
            try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "step", from.original(), "Build step " + (step - 1)
                    + "/" + total + ": the stage starts from " + (ref.equals("scratch") ? "nothing (scratch)" : ref)
                    + "; a base image missing here is pulled first.", from.original())) {
                base = base(ref, done, out);
            }
            current = new BuildStage(base, args.forStage(), file.escape(), out);
            triggers(current, base, steps);
            out.accept(" ---> " + shortId(current.imageId()) + "\n");
            for (Instruction in : stage.commands()) {
                out.accept("Step " + step++ + "/" + total + " : " + in.original() + "\n");
                try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "step", in.original(),
                        "Build step " + (step - 1) + "/" + total + ": " + in.original(), in.original())) {
                    steps.dispatch(current, in);
                }
                out.accept(" ---> " + shortId(current.imageId()) + "\n");
            }
            byIndex.add(current.image);
            if (!from.stageName().isEmpty()) {
                done.put(from.stageName(), current.image);
            }
        }
        List<String> unused = args.unused();
        if (!unused.isEmpty()) {
            out.accept("[Warning] One or more build-args [" + String.join(" ", unused) + "] were not consumed\n");
        }
        if (current == null || current.image == null) {
            throw DockerException.invalid("No image was generated. Is your Dockerfile empty?");
        }
        String id = current.imageId();
        out.accept("Successfully built " + shortId(id) + "\n");
        for (String tag : req.tags()) {
            ImageRef r = ImageRef.parse(tag).withDefaultTag();
            d.images.tag(id, r.toString());
            d.tracer.did(dev.glassbox.trace.Layer.DAEMON, null, "tag", r.familiar(), "The name " + r.familiar() + " now points at the built image "
                    + shortId(id) + ".", "");
            out.accept("Successfully tagged " + r.familiar() + "\n");
        }
        return id;
    }

    /** The base image's ONBUILD triggers, run right after FROM as moby's initializeStage does, with no step lines of their own. */
    private void triggers(BuildStage st, Image base, BuildSteps steps) {
        List<String> triggers = base == null ? List.of() : base.config().onBuild();
        if (triggers.isEmpty()) {
            return;
        }
        st.print("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : ""));
        for (String t : triggers) {
            Instruction in = Dockerfile.trigger(t);
            try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "trigger", t,
                    "The base image's ONBUILD trigger runs as if it were written right after FROM: " + t, "ONBUILD " + t)) {
                steps.dispatch(st, in);
            }
        }
    }

    private static String shortId(String id) {
        return id.isEmpty() ? "" : id.substring(7, 19);
    }

    /** FROM's image: an earlier stage, {@code scratch}, a local image, or one pulled now with the pull's lines in the output. */
    private Image base(String ref, Map<String, Image> done, Consumer<String> out) {
        Image stage = done.get(ref.toLowerCase(java.util.Locale.ROOT));
        if (stage != null) {
            return stage;
        }
        if (ref.equals("scratch")) {
            return null;
        }
        return local(ref, out);
    }

    private Image local(String ref, Consumer<String> out) {
        var found = d.images.find(ref);
        if (found.isPresent()) {
            return found.get().image();
        }
        ImageRef r = ImageRef.parse(ref).withDefaultTag();
        Api.PullResult pull = d.images.pull(r.toString(), Progress.NONE);
        out.accept((r.tag() != null ? r.tag() : String.valueOf(r.digest())) + ": Pulling from " + r.path() + "\n");
        for (Api.LayerStatus l : pull.layers()) {
            out.accept(l.id() + ": " + l.status() + "\n");
        }
        out.accept("Digest: " + pull.digest() + "\n");
        out.accept("Status: Downloaded newer image for " + r.familiar() + "\n");
        return d.images.get(r.toString()).image();
    }

    /** {@code COPY --from=}: a stage by name or number, else an image (pulled when missing). */
    private Image stageOrImage(String ref, Map<String, Image> done, List<Image> byIndex, Consumer<String> out) {
        Image named = done.get(ref.toLowerCase(java.util.Locale.ROOT));
        if (named != null) {
            return named;
        }
        if (ref.matches("\\d+")) {
            int ix = Integer.parseInt(ref);
            if (ix >= byIndex.size()) {
                throw DockerException.invalid("invalid from flag value " + ref + ": " + (ix == byIndex.size() ? "refers to current build stage" : "index out of bounds"));
            }
            return byIndex.get(ix);
        }
        try {
            return local(ref, out);
        } catch (DockerException e) {
            throw DockerException.invalid("invalid from flag value " + ref + ": " + e.getMessage());
        }
    }
}
