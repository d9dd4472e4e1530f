package dev.glassbox.client;

import dev.glassbox.api.MountRequest;
import java.util.Locale;

/** {@code --mount type=volume,source=data,target=/data,readonly} read the way the docker CLI's MountOpt reads it. */
final class MountOption {
    private MountOption() {}

    static MountRequest parse(String value) {
        String type = "volume";
        String source = "";
        String target = "";
        boolean readOnly = false;
        for (String field : value.split(",")) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT).strip();
            String val = eq < 0 ? "" : field.substring(eq + 1);
            if (eq < 0 && !key.equals("readonly") && !key.equals("ro")) {
                throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
            }
            switch (key) {
                case "type" -> type = val.toLowerCase(Locale.ROOT);
                case "source", "src" -> source = val;
                case "target", "dst", "destination" -> target = val;
                case "readonly", "ro" -> readOnly = eq < 0 || bool(key, val);
                case "volume-nocopy", "bind-propagation", "consistency", "tmpfs-size", "tmpfs-mode", "volume-driver",
                        "volume-label", "volume-opt", "volume-subpath", "bind-recursive", "bind-nonrecursive",
                        "bind-create-mountpoint", "tmpfs-options", "image-subpath" -> { }
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("target is required");
        }
        return new MountRequest(type, source, target, readOnly);
    }

    private static boolean bool(String key, String val) {
        return switch (val.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException("invalid value for " + key + ": " + val);
        };
    }
}
