package dev.glassbox.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The labels Compose puts on what it creates, which is how it finds them again (ps, down, logs). */
final class Labels {
    static final String PREFIX = "com.docker.compose.";
    static final String PROJECT = PREFIX + "project";
    static final String SERVICE = PREFIX + "service";
    static final String NUMBER = PREFIX + "container-number";
    static final String ONEOFF = PREFIX + "oneoff";
    static final String NETWORK = PREFIX + "network";
    static final String VOLUME = PREFIX + "volume";
    static final String VERSION_VALUE = "2.36.2";

    private Labels() {}

    static Map<String, String> container(Project p, Service s, int number, String imageId) {
        Map<String, String> l = new LinkedHashMap<>(s.labels());
        l.put(PREFIX + "config-hash", hash(s));
        l.put(NUMBER, String.valueOf(number));
        l.put(PREFIX + "depends_on", dependsOn(s));
        l.put(PREFIX + "image", imageId);
        l.put(ONEOFF, "False");
        l.put(PROJECT, p.name());
        l.put(PREFIX + "project.config_files", String.join(",", p.configFiles()));
        l.put(PREFIX + "project.working_dir", p.workingDir());
        l.put(SERVICE, s.name());
        l.put(PREFIX + "version", VERSION_VALUE);
        return l;
    }

    static Map<String, String> network(Project p, NetworkDef n) {
        Map<String, String> l = new LinkedHashMap<>(n.labels());
        l.put(NETWORK, n.key());
        l.put(PROJECT, p.name());
        l.put(PREFIX + "version", VERSION_VALUE);
        return l;
    }

    static Map<String, String> volume(Project p, VolumeDef v) {
        Map<String, String> l = new LinkedHashMap<>(v.labels());
        l.put(PROJECT, p.name());
        l.put(PREFIX + "version", VERSION_VALUE);
        l.put(VOLUME, v.key());
        return l;
    }

    /** {@code redis:service_started:false,db:service_healthy:false}, as Compose records depends_on. */
    static String dependsOn(Service s) {
        StringJoiner j = new StringJoiner(",");
        for (Dependency d : s.dependsOn()) {
            j.add(d.service() + ":" + d.condition().word + ":" + d.restart());
        }
        return j.toString();
    }

    /** A digest of the service's configuration: a container whose hash differs is out of date. */
    static String hash(Service s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
