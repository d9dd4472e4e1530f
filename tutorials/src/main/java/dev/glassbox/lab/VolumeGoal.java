package dev.glassbox.lab;

import dev.glassbox.api.DockerException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Volume {@code name} exists (or, with {@code absent}, does not); it {@code holds} a file (a path inside
 * the volume) with the text {@code contains}; with {@code unused}, no container uses it any more (the
 * data outlived its container).
 */
public record VolumeGoal(String id, String text, String name, String holds, String contains, Boolean unused, Boolean absent) implements Goal {
    public VolumeGoal {
        Goal.require(name, "the volume's name", "volume");
        if (holds != null && !holds.startsWith("/")) {
            holds = "/" + holds;
        }
        id = id != null ? id : "volume-" + name;
    }

    @Override
    public String describe() {
        if (Boolean.TRUE.equals(absent)) {
            return Goal.or(text, "no volume is named " + name);
        }
        String s = "volume " + name + (holds != null ? " holds " + holds.substring(1) + (contains != null ? " with \"" + contains + "\"" : "") : " exists");
        return Goal.or(text, s + (Boolean.TRUE.equals(unused) ? ", and no container uses it" : ""));
    }

    @Override
    public Verdict check(Probe p) {
        Map<String, Object> v;
        try {
            v = p.api().inspectVolume(name);
        } catch (DockerException e) {
            if (Boolean.TRUE.equals(absent)) {
                return Verdict.MET;
            }
            List<String> names = p.api().volumes().stream().map(x -> x.name()).toList();
            return Verdict.unmet("no volume is named " + name + "; `docker volume ls` lists " + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        if (Boolean.TRUE.equals(absent)) {
            return Verdict.unmet("volume " + name + " is still there");
        }
        if (Boolean.TRUE.equals(unused)) {
            for (var c : p.containers()) {
                Map<String, Object> doc = p.container(c.id());
                Object mounts = doc == null ? null : doc.get("Mounts");
                if (mounts instanceof List<?> l && l.stream().anyMatch(m -> m instanceof Map<?, ?> mm && name.equals(mm.get("Name")))) {
                    return Verdict.unmet("container " + c.names().get(0).replaceFirst("^/", "") + " still uses volume " + name);
                }
            }
        }
        if (holds != null) {
            byte[] data = p.hostFile(v.get("Mountpoint") + holds);
            if (data == null) {
                return Verdict.unmet("volume " + name + " holds no file " + holds.substring(1));
            }
            String content = new String(data, StandardCharsets.UTF_8);
            if (contains != null && !content.contains(contains)) {
                return Verdict.unmet(holds.substring(1) + " in volume " + name + " does not contain \"" + contains + "\"; it begins: " + FileGoal.begin(content));
            }
        }
        return Verdict.MET;
    }
}
