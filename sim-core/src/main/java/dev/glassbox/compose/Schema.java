package dev.glassbox.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compose specification's shape, as far as Compose checks it before it reads a file: which keys
 * each level allows ({@code x-} extensions everywhere) and the kind of value some keys take. Messages
 * are compose-go's: {@code services.web additional properties 'imagee' not allowed},
 * {@code services.web.ports must be a array}.
 */
final class Schema {
    static final Set<String> TOP = Set.of("version", "name", "include", "services", "models", "networks", "volumes", "secrets",
            "configs");
    static final Set<String> SERVICE = Set.of("develop", "deploy", "annotations", "attach", "build", "blkio_config", "cap_add",
            "cap_drop", "cgroup", "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_shares",
            "cpu_quota", "cpu_period", "cpu_rt_period", "cpu_rt_runtime", "cpus", "cpuset", "credential_spec", "depends_on",
            "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file", "label_file",
            "environment", "expose", "extends", "provider", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
            "hostname", "image", "init", "ipc", "isolation", "labels", "links", "logging", "mac_address", "mem_limit",
            "mem_reservation", "mem_swappiness", "memswap_limit", "network_mode", "models", "networks", "oom_kill_disable",
            "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged", "profiles",
            "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale", "security_opt", "shm_size", "secrets",
            "sysctls", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "tmpfs", "tty", "ulimits", "use_api_socket",
            "user", "uts", "userns_mode", "volumes", "volumes_from", "working_dir");
    static final Set<String> NETWORK = Set.of("name", "driver", "driver_opts", "ipam", "external", "internal", "enable_ipv4",
            "enable_ipv6", "attachable", "labels");
    static final Set<String> VOLUME = Set.of("name", "driver", "driver_opts", "external", "labels");
    static final Set<String> BUILD = Set.of("context", "dockerfile", "dockerfile_inline", "entitlements", "args", "ssh", "labels",
            "cache_from", "cache_to", "no_cache", "additional_contexts", "network", "provenance", "sbom", "pull", "target",
            "shm_size", "extra_hosts", "isolation", "privileged", "secrets", "tags", "ulimits", "platforms");
    static final Set<String> HEALTHCHECK = Set.of("disable", "interval", "retries", "test", "timeout", "start_period",
            "start_interval");
    static final Set<String> DEPENDENCY = Set.of("restart", "required", "condition");
    static final Set<String> SERVICE_NETWORK = Set.of("aliases", "driver_opts", "gw_priority", "interface_name", "ipv4_address",
            "ipv6_address", "link_local_ips", "mac_address", "priority");
    static final Set<String> PORT = Set.of("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol");
    static final Set<String> MOUNT = Set.of("type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs",
            "image");
    private static final Map<String, String> SERVICE_TYPES = Map.ofEntries(Map.entry("image", "string"),
            Map.entry("container_name", "string"), Map.entry("hostname", "string"), Map.entry("working_dir", "string"),
            Map.entry("user", "string"), Map.entry("restart", "string"), Map.entry("ports", "array"), Map.entry("expose", "array"),
            Map.entry("volumes", "array"), Map.entry("tty", "boolean"), Map.entry("stdin_open", "boolean"),
            Map.entry("privileged", "boolean"), Map.entry("healthcheck", "mapping"), Map.entry("stop_signal", "string"));

    private Schema() {}

    static void validate(JsonNode root) {
        if (!root.isObject()) {
            throw new ComposeException("Top-level object must be a mapping");
        }
        keys(root, TOP, "");
        JsonNode services = root.get("services");
        if (services != null && !services.isNull()) {
            type(services, "mapping", "services");
            for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                service(e.getValue(), "services." + e.getKey());
            }
        }
        for (String kind : List.of("networks", "volumes")) {
            JsonNode section = root.get(kind);
            if (section == null || section.isNull()) {
                continue;
            }
            type(section, "mapping", kind);
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    type(e.getValue(), "mapping", kind + "." + e.getKey());
                    keys(e.getValue(), kind.equals("networks") ? NETWORK : VOLUME, kind + "." + e.getKey());
                }
            }
        }
    }

    private static void service(JsonNode s, String path) {
        type(s, "mapping", path);
        keys(s, SERVICE, path);
        for (Map.Entry<String, String> t : SERVICE_TYPES.entrySet()) {
            JsonNode v = s.get(t.getKey());
            if (v != null && !v.isNull()) {
                type(v, t.getValue(), path + "." + t.getKey());
            }
        }
        JsonNode build = s.get("build");
        if (build != null && build.isObject()) {
            keys(build, BUILD, path + ".build");
        }
        JsonNode hc = s.get("healthcheck");
        if (hc != null && hc.isObject()) {
            keys(hc, HEALTHCHECK, path + ".healthcheck");
        }
        JsonNode deps = s.get("depends_on");
        if (deps != null && deps.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + ".depends_on." + e.getKey();
                type(e.getValue(), "mapping", p);
                keys(e.getValue(), DEPENDENCY, p);
                JsonNode c = e.getValue().get("condition");
                if (c != null && Condition.of(c.asText()) == null) {
                    throw new ComposeException(p + ".condition value must be one of \"service_started\", \"service_healthy\", "
                            + "\"service_completed_successfully\"");
                }
            }
        }
        JsonNode nets = s.get("networks");
        if (nets != null && nets.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = nets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) {
                    keys(e.getValue(), SERVICE_NETWORK, path + ".networks." + e.getKey());
                }
            }
        }
        items(s.get("ports"), PORT, path + ".ports");
        items(s.get("volumes"), MOUNT, path + ".volumes");
    }

    private static void items(JsonNode list, Set<String> allowed, String path) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isObject()) {
                keys(list.get(i), allowed, path + "." + i);
            }
        }
    }

    private static void keys(JsonNode node, Set<String> allowed, String path) {
        List<String> extra = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k) && !k.startsWith("x-")) {
                extra.add("'" + k + "'");
            }
        });
        if (!extra.isEmpty()) {
            String where = path; // compose-go joins an empty location: the root gives " additional properties …"
            throw new ComposeException(where + " additional properties " + String.join(", ", extra) + " not allowed");
        }
    }

    private static void type(JsonNode v, String want, String path) {
        boolean ok = switch (want) {
            case "mapping" -> v.isObject();
            case "array" -> v.isArray();
            case "boolean" -> v.isBoolean() || v.isTextual() && v.asText().matches("true|false");
            default -> v.isTextual();
        };
        if (!ok) {
            throw new ComposeException(path + " must be a " + want);
        }
    }
}
