package dev.glassbox.sim.programs;

import dev.glassbox.sim.Program;
import dev.glassbox.sim.programs.curl.Curl;
import dev.glassbox.sim.programs.jq.Jq;
import dev.glassbox.sim.programs.packages.Apk;
import dev.glassbox.sim.programs.packages.AptGet;
import dev.glassbox.sim.programs.registry.RegistryServer;
import java.util.Optional;

/**
 * The programs of the images beyond busybox, nginx and redis, and of the packages their package
 * managers install: hello-world's {@code /hello}, apk, apt-get, apt, curl (its version after {@code @}),
 * tree, jq and registry:2's registry.
 */
final class ImagePrograms {
    private ImagePrograms() {}

    static Optional<Program> lookup(String name) {
        if (name.startsWith("curl@")) {
            String version = name.substring(5);
            return Optional.of(sys -> Curl.main(sys, version));
        }
        return switch (name) {
            case "hello" -> Optional.of(HelloWorld::main);
            case "apk" -> Optional.of(Apk::main);
            case "tree" -> Optional.of(TreeCommand::main);
            case "apt-get" -> Optional.of(sys -> AptGet.main(sys, false));
            case "apt" -> Optional.of(sys -> AptGet.main(sys, true));
            case "registry" -> Optional.of(RegistryServer::main);
            case "jq" -> Optional.of(Jq::main);
            default -> Optional.empty();
        };
    }
}
