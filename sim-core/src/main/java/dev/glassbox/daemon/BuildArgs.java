package dev.glassbox.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * moby's BuildArgs: the {@code --build-arg} values given, the ARGs the Dockerfile declares (with their
 * defaults), which given ones an ARG consumed, and the variables a RUN sees from them.
 */
final class BuildArgs {
    private static final Set<String> BUILTIN = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
            "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private final Map<String, String> given;
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final Map<String, String> allowed = new LinkedHashMap<>();
    private final Set<String> referenced;

    BuildArgs(Map<String, String> given) {
        this(new LinkedHashMap<>(given), new TreeSet<>());
    }

    private BuildArgs(Map<String, String> given, Set<String> referenced) {
        this.given = given;
        this.referenced = referenced;
    }

    /** A stage's own view: the meta ARGs stay known, the stage's ARGs start empty; consumption is shared. */
    BuildArgs forStage() {
        BuildArgs b = new BuildArgs(given, referenced);
        b.meta.putAll(meta);
        return b;
    }

    void addMeta(String key, String value) {
        referenced.add(key);
        meta.put(key, given.containsKey(key) ? given.get(key) : value);
    }

    /** An ARG of the stage; without a default it takes the meta ARG's value, as moby's getBuildArg does. */
    void add(String key, String value) {
        referenced.add(key);
        String v = given.containsKey(key) ? given.get(key) : value != null ? value : meta.get(key);
        allowed.put(key, v);
    }

    /** Values for expanding FROM: the meta ARGs. */
    Map<String, String> metaValues() {
        Map<String, String> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {@code KEY=value} of the stage's ARGs with a value that no ENV of the same name overrides; sorted. */
    List<String> filterAllowed(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        allowed.forEach((k, v) -> {
            if (v != null && !env.containsKey(k)) {
                out.add(k + "=" + v);
            }
        });
        out.sort(null);
        return out;
    }

    /** The given build-args no ARG declared, sorted: "[Warning] One or more build-args [X] were not consumed". */
    List<String> unused() {
        List<String> out = new ArrayList<>();
        for (String k : new TreeSet<>(given.keySet())) {
            if (!referenced.contains(k) && !BUILTIN.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }
}
