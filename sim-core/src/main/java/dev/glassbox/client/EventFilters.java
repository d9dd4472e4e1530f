package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * docker events --filter, as the daemon's events filter matches: values of one key are alternatives,
 * different keys must all match; names and ids match by prefix (moby's FuzzyMatch). Applied here to
 * the window the daemon answered.
 */
final class EventFilters {
    private static final Set<String> KEYS = Set.of("type", "event", "container", "image", "network", "volume", "label");

    private final Map<String, List<String>> byKey = new LinkedHashMap<>();

    EventFilters(List<String> filters) {
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("bad format of filter (expected name=value)", 1);
            }
            String key = f.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw new UsageException("Error response from daemon: invalid filter '" + key + "'", 1);
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
    }

    boolean matches(Api.Event e) {
        for (Map.Entry<String, List<String>> f : byKey.entrySet()) {
            if (f.getValue().stream().noneMatch(v -> matches(f.getKey(), v, e))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String key, String value, Api.Event e) {
        String name = e.attributes().getOrDefault("name", "");
        return switch (key) {
            case "type" -> e.type().equals(value);
            case "event" -> e.action().equals(value) || e.action().startsWith(value + ":");
            case "container" -> e.type().equals("container") && fuzzy(value, e.actorId(), name);
            case "image" -> e.type().equals("image") ? fuzzy(value, e.actorId(), name) : value.equals(e.attributes().get("image"));
            case "network" -> e.type().equals("network") && fuzzy(value, e.actorId(), name);
            case "volume" -> e.type().equals("volume") && fuzzy(value, e.actorId(), name);
            default -> {
                int eq = value.indexOf('=');
                yield eq < 0 ? e.attributes().containsKey(value) : value.substring(eq + 1).equals(e.attributes().get(value.substring(0, eq)));
            }
        };
    }

    private static boolean fuzzy(String value, String id, String name) {
        return id.startsWith(value) || (!name.isEmpty() && name.startsWith(value));
    }
}
