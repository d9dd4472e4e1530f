package dev.glassbox.engineapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.api.EndpointSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The create request's body as the docker CLI sends it, read into the engine's records. */
class CreateBodyTest {
    private static CreateBody.Parsed parse(String json) {
        return CreateBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void endpointsConfigCarriesAliasesAndLinksPerNetwork() {
        CreateBody.Parsed p = parse("{\"Image\":\"nginx\",\"HostConfig\":{\"NetworkMode\":\"app\"},\"NetworkingConfig\":{\"EndpointsConfig\":"
                + "{\"app\":{\"Aliases\":[\"site\",\"www\"],\"Links\":[\"db:data\"]},\"back\":{\"Aliases\":[\"api\"]},\"other\":null}}}");
        assertEquals(new EndpointSettings(List.of("site", "www"), List.of("db:data")), p.endpoint("app"));
        assertEquals(List.of("api"), p.endpoint("back").aliases());
        assertEquals(EndpointSettings.NONE, p.endpoint("other"));
        assertEquals(List.of("app", "back", "other"), p.extraNetworks());
    }

    @Test
    void hostConfigLinksJoinTheOwnNetworksEntry() {
        CreateBody.Parsed p = parse("{\"Image\":\"busybox\",\"HostConfig\":{\"Links\":[\"db:store\"]}}");
        assertEquals(List.of("db:store"), p.endpoint("default").links(), "no NetworkMode: the default bridge");
    }

    @Test
    void healthcheckIsReadWithTheDaemonsChecks() {
        CreateBody.Parsed p = parse("{\"Image\":\"nginx\",\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":5000000000,\"Retries\":2}}");
        assertEquals(new dev.glassbox.image.Healthcheck(List.of("CMD-SHELL", "true"), 5_000_000_000L, 0, 0, 2), p.config().healthcheck());
        assertEquals(null, parse("{\"Image\":\"nginx\"}").config().healthcheck());
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.glassbox.api.DockerException.class,
                () -> parse("{\"Image\":\"nginx\",\"Healthcheck\":{\"Interval\":5}}"));
        assertEquals("Interval in Healthcheck cannot be less than 1ms", e.getMessage());
    }

    @Test
    void noNetworkingConfigMeansNoSettings() {
        CreateBody.Parsed p = parse("{\"Image\":\"nginx\"}");
        assertEquals(true, p.networking().isEmpty());
        assertEquals(EndpointSettings.NONE, p.endpoint("default"));
    }
}
