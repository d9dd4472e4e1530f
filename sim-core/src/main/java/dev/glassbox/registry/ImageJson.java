package dev.glassbox.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.Healthcheck;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.Layer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The image config and the Docker v2 schema 2 manifest as canonical bytes: fields in a fixed order,
 * map keys sorted, no whitespace, and {@code < > &} escaped the way Go's encoder does, so the bytes
 * (and the digests taken of them) look like the ones a real registry serves.
 */
public final class ImageJson {
    public static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
    public static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new GoEscapes());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImageJson() {}

    /** An image whose id is the digest of its config and whose manifest digest is that of its manifest. */
    public static Image image(ImageConfig config, List<Layer> layers) {
        List<Digest> diffIds = layers.stream().map(Layer::diffId).toList();
        if (!diffIds.equals(config.diffIds())) {
            throw new IllegalArgumentException("config diff_ids do not match the layers");
        }
        return new Image(Digest.of(config(config)), Digest.of(manifest(config, layers)), config, layers);
    }

    public static byte[] config(ImageConfig c) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("architecture", c.architecture());
            g.writeObjectFieldStart("config");
            writeRuntime(g, c);
            g.writeEndObject();
            g.writeStringField("created", Instant.ofEpochSecond(c.created()).toString());
            g.writeArrayFieldStart("history");
            for (HistoryEntry h : c.history()) {
                g.writeStartObject();
                g.writeStringField("created", Instant.ofEpochSecond(h.created()).toString());
                stringIfAny(g, "created_by", h.createdBy());
                stringIfAny(g, "comment", h.comment());
                if (h.emptyLayer()) {
                    g.writeBooleanField("empty_layer", true);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("os", c.os());
            g.writeObjectFieldStart("rootfs");
            g.writeStringField("type", "layers");
            g.writeArrayFieldStart("diff_ids");
            for (Digest d : c.diffIds()) {
                g.writeString(d.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    public static byte[] manifest(ImageConfig config, List<Layer> layers) {
        byte[] configBytes = config(config);
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 2);
            g.writeStringField("mediaType", MANIFEST_TYPE);
            descriptor(g, "config", CONFIG_TYPE, configBytes.length, Digest.of(configBytes));
            g.writeArrayFieldStart("layers");
            for (Layer l : layers) {
                descriptor(g, null, LAYER_TYPE, l.size(), l.digest());
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Reads a config back; exposed ports come back sorted, as they are written. */
    public static ImageConfig parseConfig(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw DockerException.invalid("invalid image config: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw DockerException.invalid("invalid image config: not a JSON object");
        }
        JsonNode c = root.path("config");
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode h : root.path("history")) {
            history.add(new HistoryEntry(time(h.path("created")), h.path("created_by").asText(""),
                    h.path("empty_layer").asBoolean(false), h.path("comment").asText("")));
        }
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode d : root.path("rootfs").path("diff_ids")) {
            diffIds.add(Digest.parse(d.asText()));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<String> ports = new ArrayList<>();
        c.path("ExposedPorts").properties().forEach(e -> ports.add(e.getKey()));
        return new ImageConfig(root.path("architecture").asText(""), root.path("os").asText(""),
                time(root.path("created")), strings(c.path("Env")), stringsOrNull(c.path("Entrypoint")),
                stringsOrNull(c.path("Cmd")), c.path("WorkingDir").asText(""), c.path("User").asText(""),
                List.copyOf(new TreeSet<>(ports)), labels, c.path("StopSignal").asText(""), history, diffIds,
                volumes(c.path("Volumes")), healthcheck(c.path("Healthcheck")), stringsOrNull(c.path("Shell")),
                strings(c.path("OnBuild")));
    }

    private static List<String> volumes(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.properties().forEach(e -> out.add(e.getKey()));
        return out;
    }

    private static Healthcheck healthcheck(JsonNode h) {
        if (!h.isObject()) {
            return null;
        }
        return new Healthcheck(strings(h.path("Test")), h.path("Interval").asLong(0), h.path("Timeout").asLong(0),
                h.path("StartPeriod").asLong(0), h.path("Retries").asInt(0), h.path("StartInterval").asLong(0));
    }

    /** The runtime part, in the field order of the OCI spec's Go struct; empty fields are left out. */
    private static void writeRuntime(JsonGenerator g, ImageConfig c) throws IOException {
        stringIfAny(g, "User", c.user());
        if (!c.exposedPorts().isEmpty()) {
            g.writeObjectFieldStart("ExposedPorts");
            for (String p : new TreeSet<>(c.exposedPorts())) {
                g.writeObjectFieldStart(p);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        if (!c.env().isEmpty()) {
            array(g, "Env", c.env());
        }
        if (c.entrypoint() != null) {
            array(g, "Entrypoint", c.entrypoint());
        }
        if (c.cmd() != null) {
            array(g, "Cmd", c.cmd());
        }
        if (c.healthcheck() != null) {
            healthcheck(g, c.healthcheck());
        }
        if (!c.volumes().isEmpty()) {
            g.writeObjectFieldStart("Volumes");
            for (String v : new TreeSet<>(c.volumes())) {
                g.writeObjectFieldStart(v);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        stringIfAny(g, "WorkingDir", c.workingDir());
        if (!c.labels().isEmpty()) {
            g.writeObjectFieldStart("Labels");
            for (Map.Entry<String, String> e : new TreeMap<>(c.labels()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        stringIfAny(g, "StopSignal", c.stopSignal());
        if (!c.onBuild().isEmpty()) {
            array(g, "OnBuild", c.onBuild());
        }
        if (c.shell() != null) {
            array(g, "Shell", c.shell());
        }
    }

    /** Docker's HealthConfig: zero durations and retries left out, as Go's omitempty does. */
    private static void healthcheck(JsonGenerator g, Healthcheck h) throws IOException {
        g.writeObjectFieldStart("Healthcheck");
        array(g, "Test", h.test());
        if (h.intervalNanos() != 0) {
            g.writeNumberField("Interval", h.intervalNanos());
        }
        if (h.timeoutNanos() != 0) {
            g.writeNumberField("Timeout", h.timeoutNanos());
        }
        if (h.startPeriodNanos() != 0) {
            g.writeNumberField("StartPeriod", h.startPeriodNanos());
        }
        if (h.startIntervalNanos() != 0) {
            g.writeNumberField("StartInterval", h.startIntervalNanos());
        }
        if (h.retries() != 0) {
            g.writeNumberField("Retries", h.retries());
        }
        g.writeEndObject();
    }

    private static void descriptor(JsonGenerator g, String field, String type, long size, Digest digest) throws IOException {
        if (field != null) {
            g.writeObjectFieldStart(field);
        } else {
            g.writeStartObject();
        }
        g.writeStringField("mediaType", type);
        g.writeNumberField("size", size);
        g.writeStringField("digest", digest.toString());
        g.writeEndObject();
    }

    private static void array(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void stringIfAny(JsonGenerator g, String field, String value) throws IOException {
        if (!value.isEmpty()) {
            g.writeStringField(field, value);
        }
    }

    private static long time(JsonNode n) {
        return n.isTextual() ? OffsetDateTime.parse(n.asText()).toEpochSecond() : 0;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static List<String> stringsOrNull(JsonNode n) {
        return n.isArray() ? strings(n) : null;
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Go's encoding/json escapes these so JSON can sit inside HTML; registries' bytes carry it. */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        GoEscapes() {
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean escaped = ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029;
            return escaped ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
