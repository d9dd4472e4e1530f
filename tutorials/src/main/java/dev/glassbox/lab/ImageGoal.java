package dev.glassbox.lab;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.List;

/** Image {@code ref} is in the local image store (or, with {@code absent}, is not). */
public record ImageGoal(String id, String text, String ref, Boolean absent) implements Goal {
    public ImageGoal {
        Goal.require(ref, "an image reference", "image");
        id = id != null ? id : "image-" + ref;
    }

    @Override
    public String describe() {
        return Goal.or(text, Boolean.TRUE.equals(absent) ? "no image " + ref + " is stored here" : "the image " + ref + " is stored here");
    }

    @Override
    public Verdict check(Probe p) {
        boolean there;
        try {
            p.api().inspectImage(ref);
            there = true;
        } catch (DockerException e) {
            there = false;
        }
        if (there == !Boolean.TRUE.equals(absent)) {
            return Verdict.MET;
        }
        if (there) {
            return Verdict.unmet("the image " + ref + " is still stored here");
        }
        List<String> tags = new ArrayList<>();
        for (Api.ImageSummary s : p.api().images(false)) {
            tags.addAll(s.repoTags());
        }
        return Verdict.unmet("no image " + ref + " is stored here; `docker images` lists " + (tags.isEmpty() ? "none" : String.join(", ", tags)));
    }
}
