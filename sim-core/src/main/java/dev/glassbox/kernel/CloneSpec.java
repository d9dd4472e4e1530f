package dev.glassbox.kernel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the runtime asks for when it clones a container's init: which namespaces are new, which are
 * joined from another sandbox ({@code --network container:x}) or are the host's (absent from both).
 * With a new user namespace, {@code uidMap} and {@code gidMap} are what the parent writes to the
 * child's {@code /proc/PID/uid_map} and {@code gid_map} before the child goes on.
 */
public record CloneSpec(String id, Set<NsType> create, Map<NsType, Sandbox> join, List<IdMap> uidMap, List<IdMap> gidMap) {
    public CloneSpec {
        create = Set.copyOf(create);
        join = Map.copyOf(join);
        uidMap = uidMap == null ? List.of() : List.copyOf(uidMap);
        gidMap = gidMap == null ? List.of() : List.copyOf(gidMap);
        if (create.contains(NsType.USER) != !uidMap.isEmpty() || uidMap.isEmpty() != gidMap.isEmpty()) {
            throw new IllegalArgumentException("a new user namespace needs a uid map and a gid map, and only it takes them");
        }
    }

    public CloneSpec(String id, Set<NsType> create, Map<NsType, Sandbox> join) {
        this(id, create, join, List.of(), List.of());
    }
}
