package dev.glassbox.registry;

import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** An image being described step by step, the way its Dockerfile reads. */
final class Recipe {
    private final List<Supplier<Layer>> layers = new ArrayList<>();
    private final List<HistoryEntry> history = new ArrayList<>();
    private final List<Integer> layerSteps = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<String> ports = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private List<String> entrypoint;
    private List<String> cmd;
    private String workingDir = "";
    private String stopSignal = "";

    Recipe layer(long created, String createdBy, String comment, Supplier<Layer> layer) {
        layerSteps.add(history.size());
        history.add(new HistoryEntry(created, createdBy, false, comment));
        layers.add(layer);
        return this;
    }

    Recipe meta(long created, String createdBy, String comment) {
        history.add(new HistoryEntry(created, createdBy, true, comment));
        return this;
    }

    /** Replaces a variable of the same name, as a later ENV does. */
    Recipe env(String assignment) {
        String name = assignment.substring(0, assignment.indexOf('=') + 1);
        env.removeIf(e -> e.startsWith(name));
        env.add(assignment);
        return this;
    }

    Recipe label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    Recipe expose(String port) {
        ports.add(port);
        return this;
    }

    /** ENTRYPOINT resets CMD, as in a Dockerfile. */
    Recipe entrypoint(String... args) {
        entrypoint = List.of(args);
        cmd = null;
        return this;
    }

    Recipe cmd(String... args) {
        cmd = List.of(args);
        return this;
    }

    Recipe workingDir(String dir) {
        workingDir = dir;
        return this;
    }

    Recipe volume(String path) {
        volumes.add(path);
        return this;
    }

    Recipe stopSignal(String signal) {
        stopSignal = signal;
        return this;
    }

    Image build() {
        List<Layer> built = layers.stream().map(Supplier::get).toList();
        List<HistoryEntry> steps = new ArrayList<>(history);
        for (int i = 0; i < built.size(); i++) {
            HistoryEntry h = steps.get(layerSteps.get(i));
            String by = h.createdBy().replace("{diffId}", built.get(i).diffId().hex());
            steps.set(layerSteps.get(i), new HistoryEntry(h.created(), by, false, h.comment()));
        }
        ImageConfig config = new ImageConfig("amd64", "linux", steps.get(steps.size() - 1).created(), env,
                entrypoint, cmd, workingDir, "", ports, labels, stopSignal, steps,
                built.stream().map(Layer::diffId).toList(), volumes, null, null);
        return ImageJson.image(config, built);
    }
}
