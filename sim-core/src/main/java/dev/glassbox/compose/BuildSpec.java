package dev.glassbox.compose;

import java.util.Map;
import java.util.TreeMap;

/** A service's {@code build}: the context directory (absolute, in the client's workspace), Dockerfile, args, target. */
record BuildSpec(String context, String dockerfile, Map<String, String> args, String target, boolean noCache) {
    BuildSpec {
        dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
        args = new TreeMap<>(args == null ? Map.of() : args);
        target = target == null ? "" : target;
    }
}
