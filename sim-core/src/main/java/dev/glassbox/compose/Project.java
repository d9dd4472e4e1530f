package dev.glassbox.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loaded compose project: its name, the directory relative paths resolve against, the file it came
 * from, and its services, networks and volumes by key (sorted, as Compose keeps them).
 */
record Project(String name, String workingDir, List<String> configFiles, Map<String, Service> services,
               Map<String, NetworkDef> networks, Map<String, VolumeDef> volumes, Map<String, String> environment) {
    Project {
        configFiles = List.copyOf(configFiles);
        services = new TreeMap<>(services);
        networks = new TreeMap<>(networks);
        volumes = new TreeMap<>(volumes);
        environment = new LinkedHashMap<>(environment);
    }

    Service service(String name) {
        Service s = services.get(name);
        if (s == null) {
            throw new ComposeException("no such service: " + name);
        }
        return s;
    }

    /** The named services (all when none is named), each checked to exist. */
    List<Service> select(List<String> names) {
        if (names.isEmpty()) {
            return new ArrayList<>(services.values());
        }
        List<Service> out = new ArrayList<>();
        for (String n : names) {
            out.add(service(n));
        }
        return out;
    }
}
