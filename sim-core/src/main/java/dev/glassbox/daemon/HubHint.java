package dev.glassbox.daemon;

import dev.glassbox.image.ImageRef;
import dev.glassbox.registry.Registry;
import java.util.TreeSet;

/** glassbox's one line after Docker's "pull access denied": which repositories its Docker Hub has. */
final class HubHint {
    private HubHint() {}

    /** Empty for a registry other than Docker Hub: there, what it holds is what was pushed to it. */
    static String of(Registry registry) {
        if (!ImageRef.DOCKER_HUB.equals(registry.domain())) {
            return "";
        }
        TreeSet<String> repositories = new TreeSet<>();
        for (String reference : registry.references()) {
            repositories.add(reference.substring(0, reference.lastIndexOf(':')));
        }
        return "glassbox: this Docker Hub is simulated; it has " + String.join(", ", repositories);
    }
}
