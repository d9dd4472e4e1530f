package dev.glassbox.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glassbox.api.DockerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
    @ParameterizedTest
    @CsvSource({
        "nginx, docker.io/library/nginx, nginx",
        "nginx:1.27, docker.io/library/nginx:1.27, nginx:1.27",
        "someone/app:v2, docker.io/someone/app:v2, someone/app:v2",
        "localhost:5000/app, localhost:5000/app, localhost:5000/app",
        "docker.io/library/redis:7.4, docker.io/library/redis:7.4, redis:7.4",
        "index.docker.io/library/alpine, docker.io/library/alpine, alpine",
    })
    void normalises(String typed, String full, String familiar) {
        ImageRef r = ImageRef.parse(typed);
        assertEquals(full, r.toString());
        assertEquals(familiar, r.familiar());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Nginx", "nginx:", ":latest", "nginx::1", "a/b//c", "nginx@sha256:12", "-nginx"})
    void rejectsMalformedReferences(String typed) {
        DockerException e = assertThrows(DockerException.class, () -> ImageRef.parse(typed));
        assertEquals(true, e.getMessage().startsWith("invalid reference format"), e.getMessage());
    }
}
