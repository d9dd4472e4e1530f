package dev.glassbox.daemon.storage;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Docker's overlay2 driver: each layer unpacked once under {@code overlay2/ID/diff}, OCI whiteouts
 * turned into overlay ones; a container gets an init layer and an empty upper layer, and overlayfs
 * stacks them over the image's layers, copying a file up only when the container writes it.
 */
public final class Overlay2Driver implements StorageDriver {
    private final Kernel kernel;
    private final String dataRoot;
    private final String home;

    Overlay2Driver(Kernel kernel, String dataRoot) {
        this.kernel = kernel;
        this.dataRoot = dataRoot;
        this.home = dataRoot + "/overlay2";
    }

    @Override
    public DriverKind kind() {
        return DriverKind.OVERLAY2;
    }

    @Override
    public List<List<String>> status() {
        return List.of(List.of("Backing Filesystem", "extfs"), List.of("Supports d_type", "true"));
    }

    @Override
    public String home() {
        return home;
    }

    @Override
    public String layersDir() {
        return home;
    }

    @Override
    public void init() {
        kernel.fs().mkdirs(home + "/l");
        kernel.fs().mkdirs(dataRoot + "/image/overlay2");
    }

    @Override
    public String layerPath(String cacheId) {
        return home + "/" + cacheId + "/diff";
    }

    @Override
    public void makeLayer(String cacheId, String parentPath, List<FileEntry> entries) {
        kernel.fs().mkdirs(home + "/" + cacheId + "/work");
        kernel.fs().unpackLayer(layerPath(cacheId), entries);
    }

    @Override
    public void removeLayer(String cacheId) {
        kernel.fs().remove(home + "/" + cacheId);
    }

    @Override
    public String extractSentence() {
        return "The layer's tar is unpacked into its own directory; OCI whiteout files become overlay whiteouts.";
    }

    @Override
    public String storedSentence(int entries) {
        return "The new layer's " + entries + " entries are unpacked into a directory of its own, ready to be a lowerdir.";
    }

    @Override
    public boolean makesAhead() {
        return true;
    }

    @Override
    public void makeRootfs(String base, String cacheId, String imageTop, List<FileEntry> init, Consumer<String> own) {
        String initDir = base + "/" + cacheId + "-init";
        kernel.fs().unpackLayer(initFiles(base, cacheId), init);
        kernel.fs().mkdirs(initDir + "/work");
        String dir = base + "/" + cacheId;
        kernel.fs().mkdirs(dir + "/diff");
        kernel.fs().mkdirs(dir + "/work");
        kernel.fs().mkdirs(dir + "/merged");
        own.accept(dir + "/diff");
        own.accept(dir + "/work");
    }

    @Override
    public String initFiles(String base, String cacheId) {
        return base + "/" + cacheId + "-init/diff";
    }

    @Override
    public Rootfs rootfs(String cacheId, List<String> imageLayersTopFirst) {
        List<String> lowers = new ArrayList<>();
        lowers.add(home + "/" + cacheId + "-init/diff");
        lowers.addAll(imageLayersTopFirst);
        return restore(cacheId, lowers);
    }

    @Override
    public Rootfs restore(String cacheId, List<String> lowerdirs) {
        String dir = home + "/" + cacheId;
        return new Rootfs(cacheId, lowerdirs, dir + "/diff", dir + "/work", dir + "/merged");
    }

    @Override
    public void removeRootfs(String cacheId) {
        kernel.fs().remove(home + "/" + cacheId);
        kernel.fs().remove(home + "/" + cacheId + "-init");
    }

    @Override
    public void mount(Rootfs r) {
        kernel.mounts().overlay(r.lowerdirs(), r.upperdir(), r.workdir(), r.merged());
    }

    @Override
    public void unmount(Rootfs r) {
        kernel.mounts().unmount(r.merged());
    }

    @Override
    public List<FileEntry> diff(Rootfs r) {
        return kernel.fs().readTree(r.upperdir());
    }

    @Override
    public boolean inParent(Rootfs r, String path) {
        for (String lower : r.lowerdirs()) {
            if (kernel.fs().exists(lower + "/" + path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String diffEquivalent(Rootfs r) {
        return "find " + r.upperdir();
    }

    @Override
    public long changedBytes(Rootfs r) {
        return kernel.fs().diskUsage(r.upperdir());
    }

    @Override
    public long diskBytes(Rootfs r) {
        return kernel.fs().diskUsage(r.upperdir());
    }

    @Override
    public long diskBytes(String cacheId, long contentSize) {
        return contentSize;
    }

    @Override
    public Map<String, Object> imageData(List<String> lowers) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (lowers.size() > 1) {
            data.put("LowerDir", String.join(":", lowers.subList(1, lowers.size())));
        }
        String top = lowers.get(0);
        data.put("MergedDir", top.replace("/diff", "/merged"));
        data.put("UpperDir", top);
        data.put("WorkDir", top.replace("/diff", "/work"));
        return data;
    }

    @Override
    public Map<String, Object> containerData(Rootfs r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("LowerDir", String.join(":", r.lowerdirs()));
        data.put("MergedDir", r.merged());
        data.put("UpperDir", r.upperdir());
        data.put("WorkDir", r.workdir());
        return data;
    }
}
