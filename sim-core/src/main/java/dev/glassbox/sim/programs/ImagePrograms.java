package dev.glassbox.sim.programs;

import dev.glassbox.sim.Program;
import java.util.Optional;

/**
 * The programs of the images beyond busybox, nginx and redis, and of the packages their package
 * managers install: hello-world's {@code /hello}.
 */
final class ImagePrograms {
    private ImagePrograms() {}

    static Optional<Program> lookup(String name) {
        return switch (name) {
            case "hello" -> Optional.of(HelloWorld::main);
            default -> Optional.empty();
        };
    }
}
