package dev.glassbox.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One service as {@code docker compose config} writes it: compose-go's field order, omitted when empty. */
final class ServiceYaml {
    private ServiceYaml() {}

    static Map<String, Object> of(Service s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.build() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("context", s.build().context());
            b.put("dockerfile", s.build().dockerfile());
            if (!s.build().args().isEmpty()) {
                b.put("args", s.build().args());
            }
            if (!s.build().target().isEmpty()) {
                b.put("target", s.build().target());
            }
            if (s.build().noCache()) {
                b.put("no_cache", true);
            }
            m.put("build", b);
        }
        put(m, "command", s.command());
        put(m, "container_name", s.containerName());
        if (!s.dependsOn().isEmpty()) {
            Map<String, Object> deps = new LinkedHashMap<>();
            for (Dependency d : s.dependsOn().stream().sorted((a, b) -> a.service().compareTo(b.service())).toList()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("condition", d.condition().word);
                if (d.restart()) {
                    dm.put("restart", true);
                }
                dm.put("required", d.required());
                deps.put(d.service(), dm);
            }
            m.put("depends_on", deps);
        }
        put(m, "entrypoint", s.entrypoint());
        if (!s.environment().isEmpty()) {
            m.put("environment", s.environment());
        }
        if (!s.expose().isEmpty()) {
            m.put("expose", s.expose());
        }
        put(m, "hostname", s.hostname());
        if (s.healthcheck() != null) {
            m.put("healthcheck", health(s.healthcheck()));
        }
        put(m, "image", s.image());
        if (!s.labels().isEmpty()) {
            m.put("labels", s.labels());
        }
        put(m, "network_mode", s.networkMode());
        if (s.networkMode().isEmpty()) {
            Map<String, Object> nets = new LinkedHashMap<>();
            if (s.networks().isEmpty()) {
                nets.put("default", null);
            }
            s.networks().forEach((k, aliases) -> nets.put(k, aliases.isEmpty() ? null : Map.of("aliases", aliases)));
            m.put("networks", nets);
        }
        if (!s.ports().isEmpty()) {
            List<Object> ports = new ArrayList<>();
            for (PortSpec p : s.ports()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("mode", "ingress");
                put(pm, "host_ip", p.hostIp());
                pm.put("target", p.target());
                put(pm, "published", p.published());
                pm.put("protocol", p.protocol());
                ports.add(pm);
            }
            m.put("ports", ports);
        }
        if (s.privileged()) {
            m.put("privileged", true);
        }
        put(m, "restart", s.restart());
        if (s.stdinOpen()) {
            m.put("stdin_open", true);
        }
        put(m, "stop_signal", s.stopSignal());
        if (s.tty()) {
            m.put("tty", true);
        }
        put(m, "user", s.user());
        if (!s.volumes().isEmpty()) {
            List<Object> vols = new ArrayList<>();
            for (MountSpec v : s.volumes()) {
                Map<String, Object> vm = new LinkedHashMap<>();
                vm.put("type", v.type());
                put(vm, "source", v.source());
                vm.put("target", v.target());
                if (v.readOnly()) {
                    vm.put("read_only", true);
                }
                switch (v.type()) {
                    case "bind" -> vm.put("bind", Map.of("create_host_path", true));
                    case "volume" -> vm.put("volume", Map.of());
                    default -> vm.put("tmpfs", Map.of());
                }
                vols.add(vm);
            }
            m.put("volumes", vols);
        }
        put(m, "working_dir", s.workingDir());
        return m;
    }

    private static Map<String, Object> health(HealthSpec h) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "test", h.test().isEmpty() ? null : h.test());
        put(m, "timeout", h.timeout());
        put(m, "interval", h.interval());
        if (h.retries() != null) {
            m.put("retries", h.retries());
        }
        put(m, "start_period", h.startPeriod());
        if (h.disable()) {
            m.put("disable", true);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object v) {
        if (v == null || (v instanceof String str && str.isEmpty())) {
            return;
        }
        m.put(key, v);
    }
}
