package dev.glassbox.daemon;

import dev.glassbox.daemon.storage.DriverKind;
import dev.glassbox.daemon.storage.Rootfs;
import dev.glassbox.daemon.storage.StorageDriver;
import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Layer;
import dev.glassbox.kernel.HostLayout;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The daemon's layer store over its storage driver ({@link StorageDriver}): each image layer made
 * once by the driver, found again by its chain id, so images that share a base share its directory;
 * each container gets an init layer and a writable layer of its own.
 */
final class Storage {

    /** A stored layer: {@code path} is where the driver keeps its files; {@code size}, its own files' bytes. */
    record LayerDir(String path, String chainId, String cacheId, String diffId, long size, int[] refs) {
        String diff() {
            return path;
        }
    }

    final String root;
    final StorageDriver driver;

    private final Kernel kernel;
    /** dockerd --userns-remap: layers are stored with owners shifted into the remapped range; null without. */
    private final UsernsRemap remap;
    private final Tracer tracer;
    private final Map<String, LayerDir> byChain = new LinkedHashMap<>();
    /**
     * Where the next container's layers are made ahead of need ({@link dev.glassbox.kernel.HostFs#ahead}),
     * out of the driver's listing until a container takes them (a rename each).
     */
    private final String aheadDir;
    /** The kernel's executor for that ({@link dev.glassbox.kernel.HostFs#ahead}); null where nothing is made ahead. */
    private final Executor ahead;
    /** The next container's cache id, its layers being made in {@link #aheadDir}; null if none. */
    private String spare;
    private CompletableFuture<Void> spareMade;

    /** Where this store marks the parts of the state it edits. */
    private final dev.glassbox.trace.Edits edits;

    Storage(Kernel kernel, HostLayout layout, DriverKind kind, UsernsRemap remap, Tracer tracer, dev.glassbox.trace.Edits edits) {
        this.edits = edits;
        this.kernel = kernel;
        this.root = layout.dataRoot();
        this.driver = StorageDriver.of(kind, kernel, root);
        driver.init();
        this.remap = remap;
        this.tracer = tracer;
        this.aheadDir = root + "/.ahead";
        // not under --userns-remap: the trace shows the owners' remapping step by step, as the layers are made
        this.ahead = remap == null && driver.makesAhead() ? kernel.fs().ahead() : null;
        if (ahead != null) {
            kernel.fs().remove(aheadDir); // what a daemon that was killed had made ahead
        }
    }

    /** Entries as this store keeps them: with --userns-remap, every owner moved up by the remapped root's id. */
    private List<FileEntry> owned(List<FileEntry> entries, String dir) {
        if (remap == null) {
            return entries;
        }
        tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "remap owners", dir, "--userns-remap: the layer is unpacked for the remapped root,"
                + " every owner moved up by " + remap.uid() + " (root's files belong to " + remap.uid() + ":" + remap.gid()
                + " on the host), so root in the container owns them; images for this mapping are kept apart under " + root + ".",
                "tar -x --numeric-owner -C " + dir + " ; chown each entry to its uid+" + remap.uid() + ":gid+" + remap.gid());
        return remap.shift(entries);
    }

    /** A container's writable directories: its root may write there (owned by the remapped root, if any). */
    private void ownDir(String dir) {
        if (remap != null) {
            kernel.fs().chown(dir, (int) remap.uid(), (int) remap.gid());
        }
    }

    UsernsRemap remap() {
        return remap;
    }

    String cacheId() {
        return HexFormat.of().formatHex(kernel.random(32));
    }

    static List<String> chainIds(List<Digest> diffIds) {
        List<String> out = new ArrayList<>();
        String chain = null;
        for (Digest d : diffIds) {
            chain = chain == null ? d.toString() : Digest.of((chain + " " + d).getBytes(StandardCharsets.UTF_8)).toString();
            out.add(chain);
        }
        return out;
    }

    boolean has(String chainId) {
        return byChain.containsKey(chainId);
    }

    LayerDir get(String chainId) {
        return byChain.get(chainId);
    }

    /** Makes the layer {@code chainId} on top of its parent's ({@code parentChain}, null for a base layer). */
    LayerDir unpack(String parentChain, String chainId, Layer layer) {
        String cacheId = cacheId();
        LayerDir dir = new LayerDir(driver.layerPath(cacheId), chainId, cacheId, layer.diffId().toString(), layer.contentSize(), new int[1]);
        LayerDir parent = parentChain == null ? null : byChain.get(parentChain);
        driver.makeLayer(cacheId, parent == null ? null : parent.path(), owned(layer.entries(), dir.diff()));
        byChain.put(chainId, dir);
        edits.mark(dev.glassbox.trace.StatePart.LAYERS);
        return dir;
    }

    /** A stored layer as saved: its directory is where the driver keeps it. */
    LayerDir restore(String chainId, String cacheId, String diffId, long size, int refs) {
        return new LayerDir(driver.layerPath(cacheId), chainId, cacheId, diffId, size, new int[] {refs});
    }

    /** The bytes a stored layer takes on disk under this driver (vfs: all of its parent's files again). */
    long diskBytes(LayerDir d) {
        return driver.diskBytes(d.cacheId(), d.size());
    }

    void ref(List<String> chain, int delta) {
        for (String c : chain) {
            LayerDir d = byChain.get(c);
            if (d != null) {
                d.refs()[0] += delta;
                edits.mark(dev.glassbox.trace.StatePart.LAYERS);
            }
        }
    }

    /** Deletes layers no image uses any more; returns their chain ids. */
    List<String> prune() {
        List<String> gone = new ArrayList<>();
        for (LayerDir d : new ArrayList<>(byChain.values())) {
            if (d.refs()[0] <= 0) {
                driver.removeLayer(d.cacheId());
                byChain.remove(d.chainId());
                edits.mark(dev.glassbox.trace.StatePart.LAYERS);
                gone.add(d.chainId());
            }
        }
        return gone;
    }

    /** The lowerdirs for an image, top layer first, as overlayfs wants them. */
    List<String> lowerdirs(List<String> chain) {
        List<String> out = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            out.add(byChain.get(chain.get(i)).diff());
        }
        return out;
    }

    /**
     * A new container's init layer (mount points Docker bind-mounts over) and its writable layer on
     * the image of this chain; returns its root filesystem. Where the driver's container layers do
     * not depend on the image (overlay2) and the kernel has an {@link dev.glassbox.kernel.HostFs#ahead}
     * executor (and owners are not remapped, which the trace shows step by step), the next
     * container's layers are then made ahead of need, and this call takes them.
     */
    Rootfs createContainerLayers(List<String> chain) {
        List<String> lowers = lowerdirs(chain);
        String top = lowers.isEmpty() ? null : lowers.get(0);
        String cacheId = takeSpare();
        if (cacheId == null) {
            cacheId = cacheId();
            makeContainerLayers(driver.layersDir(), cacheId, top);
        }
        if (ahead != null) {
            String next = cacheId();
            spare = next;
            spareMade = CompletableFuture.runAsync(() -> makeContainerLayers(aheadDir, next, null), ahead);
        }
        return driver.rootfs(cacheId, lowers);
    }

    /** The layers made ahead, moved into the driver's directory; null if there are none (or making them failed: they are removed). */
    private String takeSpare() {
        String id = spare;
        if (id == null) {
            return null;
        }
        spare = null;
        try {
            spareMade.join();
            kernel.fs().rename(aheadDir + "/" + id + "-init", driver.layersDir() + "/" + id + "-init");
            kernel.fs().rename(aheadDir + "/" + id, driver.layersDir() + "/" + id);
            return id;
        } catch (RuntimeException e) {
            kernel.fs().remove(aheadDir);
            removeContainerLayers(id);
            return null;
        }
    }

    /** Removes the layers made ahead of need, if any: the daemon stops, and no container will take them. */
    void dropSpare() {
        if (spare != null) {
            try {
                spareMade.join();
            } catch (RuntimeException e) {
                // made in part: removed below all the same
            }
            spare = null;
            kernel.fs().remove(aheadDir);
        }
    }

    private void makeContainerLayers(String base, String cacheId, String imageTop) {
        String init = driver.initFiles(base, cacheId);
        driver.makeRootfs(base, cacheId, imageTop, owned(List.of(
                FileEntry.dir("dev", 0755), FileEntry.file("dev/console", 0755, new byte[0]),
                FileEntry.dir("etc", 0755), FileEntry.file("etc/hostname", 0755, new byte[0]),
                FileEntry.file("etc/hosts", 0755, new byte[0]), FileEntry.file("etc/resolv.conf", 0755, new byte[0]),
                FileEntry.symlink("etc/mtab", "/proc/mounts"), FileEntry.dir("proc", 0755), FileEntry.dir("sys", 0755)), init), this::ownDir);
    }

    void removeContainerLayers(String cacheId) {
        driver.removeRootfs(cacheId);
    }

    Map<String, LayerDir> layers() {
        return byChain;
    }
}
