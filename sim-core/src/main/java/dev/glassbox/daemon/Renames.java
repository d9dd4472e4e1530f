package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.trace.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * docker rename: a new name reserved as create reserves one, then moved over. The container's own
 * /etc/hosts names its hostname, not its name, so it stays; on user-defined networks the peers' name
 * records (glassbox's stand-in for the embedded DNS) follow the new name.
 */
final class Renames {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private Renames() {}

    static void rename(Daemon d, String ref, String newName) {
        String wanted = newName == null ? "" : newName.startsWith("/") ? newName.substring(1) : newName;
        if (ref == null || ref.isEmpty() || wanted.isEmpty()) {
            throw DockerException.invalid("Neither old nor new names may be empty");
        }
        Container c = d.container(ref);
        if (c.name.equals(wanted)) {
            throw DockerException.invalid("Renaming a container with the same name as its current name");
        }
        if (!NAME.matcher(wanted).matches()) {
            throw DockerException.invalid("Error when allocating new name: Invalid container name (/" + wanted
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        Container holder = d.containers.get(wanted);
        if (holder != null) {
            throw DockerException.conflict("Error when allocating new name: Conflict. The container name \"/" + wanted
                    + "\" is already in use by container \"" + holder.id + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
        String old = c.name;
        Map<String, Container> reordered = new LinkedHashMap<>();
        for (Map.Entry<String, Container> e : d.containers.entrySet()) {
            reordered.put(e.getValue() == c ? wanted : e.getKey(), e.getValue());
        }
        d.containers.clear();
        d.containers.putAll(reordered);
        d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
        c.name = wanted;
        d.edits.mark(dev.glassbox.trace.StatePart.CONTAINERS);
        d.tracer.did(Layer.DAEMON, null, "rename", wanted, "Container " + c.id.substring(0, 12) + " is now called " + wanted + " instead of " + old
                + "; its id, layers and /etc/hosts stay as they were.", "");
        List<Container> peers = c.running() ? d.hostsFiles.peers(c) : new ArrayList<>();
        if (c.running() && !peers.isEmpty()) {
            peers.add(c); // its own embedded-DNS names change too; the lines Docker writes stay
        }
        d.hostsFiles.refresh(c, peers);
        d.events.container(c, "rename", Map.of("oldName", "/" + old));
    }
}
