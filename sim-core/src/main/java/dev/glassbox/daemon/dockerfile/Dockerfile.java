package dev.glassbox.daemon.dockerfile;

import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Dockerfile: the ARGs before the first FROM and its stages, each a FROM and the instructions
 * that follow it. {@link #parse} fails in BuildKit's words, {@code dockerfile parse error on line 3:
 * unknown instruction: RUNN (did you mean RUN?)}.
 */
public record Dockerfile(char escape, List<Instruction.Arg> metaArgs, List<Stage> stages) {
    /** The most instructions one Dockerfile may hold. */
    public static final int MAX_INSTRUCTIONS = 1_000;

    public Dockerfile {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
    }

    public record Stage(Instruction.From from, List<Instruction> commands) {
        public Stage {
            commands = List.copyOf(commands);
        }
    }

    /** {@code name} is the Dockerfile's name, for the empty-file error. */
    public static Dockerfile parse(String text, String name) {
        DockerfileLines.Parsed parsed = DockerfileLines.parse(text);
        if (parsed.nodes().isEmpty()) {
            throw DockerException.invalid("the Dockerfile (" + name + ") cannot be empty");
        }
        if (parsed.nodes().size() > MAX_INSTRUCTIONS) {
            throw DockerException.limit("glassbox: a Dockerfile holds at most " + MAX_INSTRUCTIONS + " instructions");
        }
        List<Instruction.Arg> meta = new ArrayList<>();
        List<Instruction.From> froms = new ArrayList<>();
        List<List<Instruction>> bodies = new ArrayList<>();
        for (DockerfileLines.Node n : parsed.nodes()) {
            Instruction in;
            try {
                in = Instructions.parse(n);
            } catch (DockerException e) {
                throw DockerException.invalid("dockerfile parse error on line " + n.line() + ": " + e.getMessage());
            }
            if (in instanceof Instruction.From f) {
                froms.add(f);
                bodies.add(new ArrayList<>());
            } else if (froms.isEmpty()) {
                if (!(in instanceof Instruction.Arg a)) {
                    throw DockerException.invalid("no build stage in current context");
                }
                meta.add(a);
            } else {
                bodies.get(bodies.size() - 1).add(in);
            }
        }
        if (froms.isEmpty()) {
            throw DockerException.invalid("dockerfile contains no stages to build");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < froms.size(); i++) {
            stages.add(new Stage(froms.get(i), bodies.get(i)));
        }
        return new Dockerfile(parsed.escape(), meta, stages);
    }

    /** An ONBUILD trigger as a child build runs it: one instruction, its errors in the parser's own words. */
    public static Instruction trigger(String text) {
        List<DockerfileLines.Node> nodes = DockerfileLines.parse(text).nodes();
        if (nodes.size() != 1) {
            throw DockerException.invalid("onbuild trigger should be a single expression");
        }
        return Instructions.parse(nodes.get(0));
    }

    /** The index of the stage named (or numbered) {@code target}, or -1. */
    public int stageIndex(String target) {
        for (int i = 0; i < stages.size(); i++) {
            if (target.equalsIgnoreCase(stages.get(i).from().stageName())) {
                return i;
            }
        }
        return -1;
    }
}
