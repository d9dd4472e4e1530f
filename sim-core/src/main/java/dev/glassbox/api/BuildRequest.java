package dev.glassbox.api;

import dev.glassbox.image.FileEntry;
import java.util.List;
import java.util.Map;

/**
 * POST /build: what the client sends the classic builder. {@code context} is the build context as the
 * client tarred it (after {@code .dockerignore}), paths relative to its root; {@code dockerfile} the
 * Dockerfile's path inside it ({@code Dockerfile} by default); {@code target} the stage to stop at, or
 * null; {@code labels} set on the image.
 */
public record BuildRequest(List<FileEntry> context, String dockerfile, List<String> tags,
                           Map<String, String> buildArgs, boolean noCache, String target, boolean quiet,
                           Map<String, String> labels) {
    public BuildRequest {
        context = List.copyOf(context);
        dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
    }
}
