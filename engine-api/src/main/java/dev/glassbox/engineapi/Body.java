package dev.glassbox.engineapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON request body read as Go's encoding/json reads it into dockerd's structs: unknown fields are
 * ignored, null is the zero value, and a value of the wrong type is a 400 in Go's words
 * ({@code json: cannot unmarshal string into Go struct field Config.Tty of type bool}).
 */
final class Body {
    /** The largest JSON body taken; bigger ones are a 400 before they are parsed. */
    static final int MAX_JSON = 4 * 1024 * 1024;

    private final JsonNode node;
    private final String struct;

    private Body(JsonNode node, String struct) {
        this.node = node == null ? NullNode.getInstance() : node;
        this.struct = struct;
    }

    /** Parses a request body; {@code emptyMessage} is Docker's 400 for an empty one (null: an empty body is {}). */
    static Body parse(byte[] bytes, String struct, String emptyMessage) {
        if (bytes == null || bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            if (emptyMessage != null) {
                throw DockerException.invalid(emptyMessage);
            }
            return new Body(Exchange.JSON.createObjectNode(), struct);
        }
        if (bytes.length > MAX_JSON) {
            throw DockerException.invalid("invalid JSON: the request body is larger than " + MAX_JSON + " bytes");
        }
        try {
            JsonNode n = Exchange.JSON.readTree(bytes);
            if (n != null && !n.isObject() && !n.isNull()) {
                throw DockerException.invalid("json: cannot unmarshal " + kind(n) + " into Go value of type " + struct);
            }
            return new Body(n, struct);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            throw DockerException.invalid("invalid JSON: " + (m == null ? "malformed body" : m.split("\n")[0]));
        } catch (java.io.IOException e) {
            throw DockerException.invalid("invalid JSON: " + e.getMessage());
        }
    }

    Body object(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return new Body(Exchange.JSON.createObjectNode(), field);
        }
        expect(n, n.isObject(), field, "struct");
        return new Body(n, field);
    }

    boolean has(String field) {
        JsonNode n = node.get(field);
        return n != null && !n.isNull();
    }

    String string(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        expect(n, n.isTextual(), field, "string");
        return n.asText();
    }

    boolean bool(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        expect(n, n.isBoolean(), field, "bool");
        return n.asBoolean();
    }

    long number(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        expect(n, n.isIntegralNumber() && n.canConvertToLong(), field, "int64");
        return n.asLong();
    }

    Integer optionalInt(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        expect(n, n.isIntegralNumber() && n.canConvertToInt(), field, "int");
        return n.asInt();
    }

    /** A []string field; null when absent or null (Cmd: null means the image's). A bare string is taken as one element (strslice). */
    List<String> strings(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        expect(n, n.isArray(), field, "[]string");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            expect(e, e.isTextual(), field, "string");
            out.add(e.asText());
        }
        return out;
    }

    /** A map[string]string field (labels, options). */
    Map<String, String> stringMap(String field) {
        JsonNode n = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        expect(n, n.isObject(), field, "map[string]string");
        n.fields().forEachRemaining(e -> {
            expect(e.getValue(), e.getValue().isTextual(), field, "string");
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    /** The keys of an object field ({@code ExposedPorts}, {@code Volumes}). */
    List<String> keys(String field) {
        JsonNode n = node.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        expect(n, n.isObject(), field, "map");
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** An array of objects. */
    List<Body> objects(String field) {
        JsonNode n = node.get(field);
        List<Body> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        expect(n, n.isArray(), field, "[]struct");
        for (JsonNode e : n) {
            expect(e, e.isObject(), field, "struct");
            out.add(new Body(e, field));
        }
        return out;
    }

    /** An object whose values are objects or arrays of objects (PortBindings, EndpointsConfig), by key. */
    Map<String, JsonNode> entries(String field) {
        JsonNode n = node.get(field);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        expect(n, n.isObject(), field, "map");
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static Body of(JsonNode n, String struct) {
        return new Body(n, struct);
    }

    private void expect(JsonNode n, boolean ok, String field, String goType) {
        if (!ok) {
            throw DockerException.invalid("json: cannot unmarshal " + kind(n) + " into Go struct field " + struct + "." + field
                    + " of type " + goType);
        }
    }

    private static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        if (n.isArray()) {
            return "array";
        }
        return n.isObject() ? "object" : "null";
    }
}
