package dev.glassbox.compose;

import dev.glassbox.api.Api;
import dev.glassbox.api.Api.ContainerSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project known only by name ({@code docker compose -p app down} with no file): its services, networks
 * and volumes as the daemon's objects labelled with the project tell them, as Compose rebuilds it.
 */
final class RunningProject {
    private RunningProject() {}

    static Project of(Session s, String name) {
        Map<String, Service> services = new LinkedHashMap<>();
        for (ContainerSummary c : s.containers(true, List.of())) {
            String service = Session.service(c);
            services.putIfAbsent(service, new Service(service, c.image(), null, null, null, Map.of(), List.of(), List.of(), List.of(),
                    List.of(), Map.of(), "", List.of(), "", null, "", "", Map.of(), "", "", false, false, "", false));
        }
        Map<String, NetworkDef> networks = new LinkedHashMap<>();
        for (Api.NetworkSummary n : s.api.networks()) {
            Map<String, String> l = n.labels() == null ? Map.of() : n.labels();
            if (name.equals(l.get(Labels.PROJECT))) {
                String key = l.getOrDefault(Labels.NETWORK, n.name());
                networks.put(key, new NetworkDef(key, n.name(), false, "", Map.of()));
            }
        }
        Map<String, VolumeDef> volumes = new LinkedHashMap<>();
        for (Api.Volume v : s.api.volumes()) {
            Map<String, String> l = v.labels() == null ? Map.of() : v.labels();
            if (name.equals(l.get(Labels.PROJECT))) {
                String key = l.getOrDefault(Labels.VOLUME, v.name());
                volumes.put(key, new VolumeDef(key, v.name(), false, "", Map.of()));
            }
        }
        return new Project(name, "", List.of(), services, networks, volumes, Map.of());
    }
}
