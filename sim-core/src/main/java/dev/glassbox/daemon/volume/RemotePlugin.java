package dev.glassbox.daemon.volume;

import dev.glassbox.image.Digest;
import java.nio.charset.StandardCharsets;

/**
 * {@code glassbox/remote}: a managed volume plugin, as {@code docker plugin install} sets one up,
 * whose volumes live on another host. Like Docker's managed plugins, it mounts what it serves under
 * its propagated mount, {@code DATA_ROOT/plugins/ID/propagated-mount/NAME}, outside dockerd's own
 * volumes directory; that directory stands for the other host's export (the hosts themselves are
 * the multi-host world's business). Its scope is global: every host reaches the same data.
 */
public record RemotePlugin(String dataRoot) implements VolumeDriver {
    public static final String NAME = "glassbox/remote";
    /** The plugin's id: fixed, as an installed plugin's is. */
    public static final String ID = Digest.of((NAME + ":latest").getBytes(StandardCharsets.UTF_8)).hex();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String mountpoint(String volume) {
        return directory(volume);
    }

    @Override
    public String directory(String volume) {
        return dataRoot + "/plugins/" + ID + "/propagated-mount/" + volume;
    }

    @Override
    public String scope() {
        return "global";
    }

    @Override
    public String createSentence() {
        return "The daemon asks the glassbox/remote plugin (VolumeDriver.Create) for the volume; the plugin mounts the"
                + " other host's storage under its propagated mount, outside /var/lib/docker/volumes, and containers bind-mount it from there";
    }
}
