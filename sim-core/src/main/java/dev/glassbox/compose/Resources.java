package dev.glassbox.compose;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;

/** The project's networks and volumes made to exist before its containers: created with Compose's labels, external ones checked. */
final class Resources {
    private final Session s;

    Resources(Session s) {
        this.s = s;
    }

    void ensureNetwork(Project p, NetworkDef n, Frame f) {
        boolean exists = s.api.networks().stream().anyMatch(x -> x.name().equals(n.name()));
        if (n.external()) {
            if (!exists) {
                throw new ComposeException("network " + n.name() + " declared as external, but could not be found");
            }
            return;
        }
        if (exists) {
            return;
        }
        String id = "Network " + n.name();
        f.status(id, Frame.Status.WORKING, "Creating");
        try {
            s.api.createNetwork(n.name(), "", Labels.network(p, n));
        } catch (DockerException e) {
            f.status(id, Frame.Status.ERROR, "Error");
            throw new ComposeException("failed to create network " + n.name() + ": Error response from daemon: " + e.getMessage());
        }
        f.status(id, Frame.Status.DONE, "Created");
    }

    void ensureVolume(Project p, VolumeDef v, Frame f) {
        boolean exists = volumeExists(v.name());
        if (v.external()) {
            if (!exists) {
                throw new ComposeException("external volume \"" + v.name() + "\" not found");
            }
            return;
        }
        if (exists) {
            return;
        }
        String id = "Volume \"" + v.name() + "\"";
        f.status(id, Frame.Status.WORKING, "Creating");
        try {
            s.api.createVolume(v.name(), Labels.volume(p, v));
        } catch (DockerException e) {
            f.status(id, Frame.Status.ERROR, "Error");
            throw e;
        }
        f.status(id, Frame.Status.DONE, "Created");
    }

    boolean volumeExists(String name) {
        try {
            s.api.inspectVolume(name);
            return true;
        } catch (DockerException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** The id of a local image ({@code sha256:…}), or null when there is none. */
    String imageId(String ref) {
        try {
            Object id = s.api.inspectImage(ref).get("Id");
            return id == null ? "" : id.toString();
        } catch (DockerException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
