package dev.glassbox.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The daemon's objects as plain maps, for the engine's state JSON. */
final class StateView {
    private StateView() {}

    static Map<String, Object> of(Daemon d) {
        return Views.ordered("images", images(d), "layers", layers(d), "containers", containers(d), "networks", networks(d),
                "volumes", volumes(d));
    }

    /** One part of the state, read alone. */
    static Map<String, Object> part(Daemon d, dev.glassbox.trace.StatePart part) {
        switch (part) {
            case IMAGES: return images(d);
            case LAYERS: return layers(d);
            case CONTAINERS: return containers(d);
            case NETWORKS: return networks(d);
            case VOLUMES: return volumes(d);
            default: throw new IllegalArgumentException("not a daemon part: " + part);
        }
    }

    static Map<String, Object> images(Daemon d) {
        Map<String, Object> images = new TreeMap<>();
        for (Images.Stored s : d.images.byId.values()) {
            List<String> tags = new ArrayList<>();
            for (String t : d.images.tagsOf(s.image().id().toString())) {
                tags.add(dev.glassbox.image.ImageRef.parse(t).familiar());
            }
            images.put(s.image().id().shortId(), Views.ordered("id", s.image().id().toString(), "tags", tags, "layers",
                    d.images.storage.lowerdirs(s.chain()), "size", s.image().size()));
        }
        return images;
    }

    static Map<String, Object> layers(Daemon d) {
        Map<String, Object> layers = new TreeMap<>();
        for (Storage.LayerDir l : d.images.storage.layers().values()) {
            layers.put(l.cacheId().substring(0, 12), Views.ordered("diff", l.diff(), "diffId", l.diffId(), "chainId", l.chainId(),
                    "size", l.size(), "usedBy", l.refs()[0]));
        }
        return layers;
    }

    static Map<String, Object> containers(Daemon d) {
        Map<String, Object> containers = new TreeMap<>();
        for (Container c : d.all()) {
            containers.put(c.name, ContainerView.of(c));
        }
        return containers;
    }

    static Map<String, Object> networks(Daemon d) {
        Map<String, Object> networks = new TreeMap<>();
        for (Network n : d.networks.byName.values()) {
            networks.put(n.name(), n.driver().onParent() ? Views.ordered("driver", n.driver().wire(), "parent", n.parent(), "subnet",
                    n.ipam().subnet, "gateway", n.ipam().gateway, "addressesInUse", n.ipam().inUse()) : n.bridged() ? Views.ordered("driver", n.driver().wire(), "bridgeInterface", n.bridge(), "subnet", n.ipam().subnet,
                    "gateway", n.ipam().gateway, "addressesInUse", n.ipam().inUse()) : Views.ordered("driver", n.driver().wire()));
        }
        return networks;
    }

    static Map<String, Object> volumes(Daemon d) {
        Map<String, Object> volumes = new TreeMap<>();
        for (Volumes.Volume v : d.volumes.all()) {
            volumes.put(v.name(), Views.ordered("mountpoint", d.volumes.mountpoint(v.name()), "anonymous", v.anonymous(),
                    "usedBy", VolumeUsers.of(d, v.name())));
        }
        return volumes;
    }
}
