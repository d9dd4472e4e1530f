package dev.glassbox.lab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lesson as its file says it: what it teaches, the commands that make its start state, its steps,
 * and the wrong paths its author expects ({@code nearMisses}), which the author self-test replays.
 * {@code kernels} names the kernels it runs on ({@code sim}, {@code linux}); {@code file} is where it
 * was read from; {@code files} are what the student's workspace holds at the start (a Dockerfile, a
 * compose file), by path relative to its working directory.
 */
public record Lesson(String id, int order, String title, String summary, List<String> concepts, List<String> kernels,
                     List<String> setup, List<Step> steps, List<NearMiss> nearMisses, String file, Map<String, String> files) {
    public Lesson(String id, int order, String title, String summary, List<String> concepts, List<String> kernels,
                  List<String> setup, List<Step> steps, List<NearMiss> nearMisses, String file) {
        this(id, order, title, summary, concepts, kernels, setup, steps, nearMisses, file, null);
    }

    public Lesson {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a lesson needs an id of lower-case letters, digits and '-': " + id);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("lesson " + id + " needs a title");
        }
        summary = summary == null ? "" : summary.strip();
        concepts = concepts == null ? List.of() : List.copyOf(concepts);
        kernels = kernels == null || kernels.isEmpty() ? List.of("sim") : List.copyOf(kernels);
        for (String k : kernels) {
            if (!k.equals("sim") && !k.equals("linux")) {
                throw new IllegalArgumentException("kernels are sim and linux, not '" + k + "'");
            }
        }
        setup = setup == null ? List.of() : List.copyOf(setup);
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("lesson " + id + " has no steps");
        }
        steps = List.copyOf(steps);
        nearMisses = nearMisses == null ? List.of() : List.copyOf(nearMisses);
        for (NearMiss m : nearMisses) {
            if (m.step() < 1 || m.step() > steps.size()) {
                throw new IllegalArgumentException("near miss '" + m.name() + "' names step " + m.step() + "; the lesson has steps 1 to " + steps.size());
            }
            Step s = steps.get(m.step() - 1);
            if (s.goals().stream().noneMatch(g -> g.id().equals(m.unmet()))) {
                throw new IllegalArgumentException("near miss '" + m.name() + "' expects goal '" + m.unmet() + "' unmet, but step " + m.step()
                        + " has goals " + s.goals().stream().map(Goal::id).toList());
            }
        }
        file = file == null ? "" : file;
        files = files == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(files));
        for (String path : files.keySet()) {
            if (path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
                throw new IllegalArgumentException("lesson " + id + ": a file's path is relative to the workspace and stays in it: " + path);
            }
        }
    }

    public Lesson withFile(String f) {
        return new Lesson(id, order, title, summary, concepts, kernels, setup, steps, nearMisses, f, files);
    }

    public boolean runsOn(String kernel) {
        return kernels.contains(kernel);
    }
}
