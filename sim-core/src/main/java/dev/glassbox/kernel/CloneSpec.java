package dev.glassbox.kernel;

import java.util.Map;
import java.util.Set;

/**
 * What the runtime asks for when it clones a container's init: which namespaces are new, which are
 * joined from another sandbox ({@code --network container:x}) or are the host's (absent from both).
 */
public record CloneSpec(String id, Set<NsType> create, Map<NsType, Sandbox> join) {
    public CloneSpec {
        create = Set.copyOf(create);
        join = Map.copyOf(join);
    }
}
