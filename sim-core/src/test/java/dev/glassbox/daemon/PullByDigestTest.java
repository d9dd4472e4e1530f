package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/**
 * docker pull REPO@sha256:…: the daemon records the digest (RepoDigests) and makes no tag, so docker images
 * shows the image under its tags, or as REPO &lt;none&gt; when it has none; a second pull by the same digest is up to date.
 */
class PullByDigestTest {
    private static String digest(Engine e) {
        return ok(e, "docker image inspect -f '{{index .RepoDigests 0}}' busybox").out().strip().replaceFirst("^busybox@", "");
    }

    @Test
    void aPullByDigestMakesNoTag() {
        Engine e = Engine.sim();
        ok(e, "docker pull busybox");
        String d = digest(e);
        Result r = ok(e, "docker pull busybox@" + d);
        assertEquals("sha256:" + d.substring(7) + ": Pulling from library/busybox\nDigest: " + d + "\nStatus: Image is up to date for busybox@" + d
                + "\ndocker.io/library/busybox@" + d + "\n", r.out(), "an image already stored fetches no layer");
        String images = ok(e, "docker images --format '{{.Repository}} {{.Tag}}'").out();
        assertEquals("busybox latest\n", images);
    }

    @Test
    void anImagePulledOnlyByDigestShowsAsNone() {
        Engine e = Engine.sim();
        ok(e, "docker pull busybox");
        String d = digest(e);
        ok(e, "docker rmi busybox");
        Result r = ok(e, "docker pull busybox@" + d);
        assertTrue(r.out().contains("Status: Downloaded newer image for busybox@" + d + "\n"), r.out());
        assertEquals("busybox <none> " + d + "\n", ok(e, "docker images --format '{{.Repository}} {{.Tag}} {{.Digest}}'").out());
        assertEquals("[busybox@" + d + "]\n", ok(e, "docker image inspect -f '{{.RepoDigests}}' busybox@" + d).out());
        assertEquals("[]\n", ok(e, "docker image inspect -f '{{.RepoTags}}' busybox@" + d).out());
    }
}
