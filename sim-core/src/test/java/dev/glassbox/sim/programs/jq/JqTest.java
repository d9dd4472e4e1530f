package dev.glassbox.sim.programs.jq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** jq from Alpine's package: jq's pretty printing, paths, keys and length, and its error lines. */
class JqTest {
    @Test
    void filtersAsJqDoes() {
        try (Engine e = Engine.sim()) {
            assertEquals(0, e.run("docker run --name base alpine apk add -q jq").exitStatus());
            assertEquals(0, e.run("docker commit base withjq").exitStatus());
            String json = "{\"name\":\"demo\",\"tags\":[\"v1\",\"v2\"],\"n\":{\"a\":null,\"b\":1.50}}";
            Result pretty = e.run("docker run --rm withjq sh -c 'echo \"$0\" | jq' '" + json + "'");
            assertEquals("{\n  \"name\": \"demo\",\n  \"tags\": [\n    \"v1\",\n    \"v2\"\n  ],\n  \"n\": {\n    \"a\": null,\n"
                    + "    \"b\": 1.5\n  }\n}\n", pretty.out());
            assertEquals("v1\nv2\n", e.run("docker run --rm withjq sh -c 'echo \"$0\" | jq -r .tags[]' '" + json + "'").out());
            assertEquals("[\"a\",\"b\"]\n2\n", e.run("docker run --rm withjq sh -c 'echo \"$0\" | jq -c \".n | keys\";"
                    + " echo \"$0\" | jq \".tags | length\"' '" + json + "'").out());
            Result bad = e.run("docker run --rm withjq sh -c 'echo [1] | jq .name'");
            assertEquals("jq: error (at <stdin>:1): Cannot index array with \"name\"\n", bad.err());
            assertEquals(5, bad.exitStatus());
            Result unknown = e.run("docker run --rm withjq sh -c 'echo 1 | jq \"map(.)\"'");
            assertEquals(3, unknown.exitStatus());
        }
    }
}
