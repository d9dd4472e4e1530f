package dev.glassbox.daemon.storage;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Docker's vfs driver: no union mount and no copy-on-write. A layer's directory ({@code vfs/dir/ID})
 * starts as a full copy of its parent's, then the layer's tar is applied to it (a whiteout deletes);
 * a container's init layer is a full copy of its image's top layer plus the init files, and its own
 * layer a full copy of that, written in place: runc makes that directory '/' with nothing mounted.
 * What a commit takes is found by comparing the container's directory with its init layer's (moby's
 * NaiveDiffDriver). Every copy is the kernel's {@link dev.glassbox.kernel.HostFs#copyTree}.
 */
public final class VfsDriver implements StorageDriver {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final Kernel kernel;
    private final String dataRoot;
    private final String home;

    VfsDriver(Kernel kernel, String dataRoot) {
        this.kernel = kernel;
        this.dataRoot = dataRoot;
        this.home = dataRoot + "/vfs";
    }

    @Override
    public DriverKind kind() {
        return DriverKind.VFS;
    }

    @Override
    public List<List<String>> status() {
        return null; // moby's vfs Status: nothing to say
    }

    @Override
    public String home() {
        return home;
    }

    @Override
    public String layersDir() {
        return home + "/dir";
    }

    @Override
    public void init() {
        kernel.fs().mkdirs(layersDir());
        kernel.fs().mkdirs(dataRoot + "/image/vfs");
    }

    @Override
    public String layerPath(String cacheId) {
        return layersDir() + "/" + cacheId;
    }

    @Override
    public void makeLayer(String cacheId, String parentPath, List<FileEntry> entries) {
        String dir = layerPath(cacheId);
        if (parentPath == null) {
            kernel.fs().mkdirs(dir);
        } else {
            kernel.fs().copyTree(parentPath, dir);
        }
        apply(dir, entries);
    }

    /** A layer's tar applied onto a directory, as archive.ApplyLayer does: a whiteout deletes, an opaque marker empties its directory. */
    private void apply(String dir, List<FileEntry> entries) {
        List<FileEntry> files = new ArrayList<>();
        for (FileEntry e : entries) {
            String path = e.path();
            int slash = path.lastIndexOf('/');
            String parent = slash < 0 ? dir : dir + "/" + path.substring(0, slash);
            String name = path.substring(slash + 1);
            if (name.equals(OPAQUE)) {
                for (String child : kernel.fs().list(parent)) {
                    kernel.fs().remove(parent + "/" + child);
                }
            } else if (name.startsWith(WHITEOUT)) {
                String gone = parent + "/" + name.substring(WHITEOUT.length());
                if (kernel.fs().stat(gone) != null) { // lstat: a whiteout may name a symlink that leads anywhere
                    kernel.fs().remove(gone);
                }
            } else {
                files.add(e);
            }
        }
        kernel.fs().unpackLayer(dir, files);
    }

    @Override
    public void removeLayer(String cacheId) {
        kernel.fs().remove(layerPath(cacheId));
    }

    @Override
    public String extractSentence() {
        return "vfs has no union mount: the layer's directory starts as a full copy of its parent layer's, then the layer's tar"
                + " is applied to it (a whiteout deletes the file).";
    }

    @Override
    public String storedSentence(int entries) {
        return "The new layer's directory is a full copy of its parent's with its " + entries + " entries applied.";
    }

    @Override
    public boolean makesAhead() {
        return false;
    }

    @Override
    public void makeRootfs(String base, String cacheId, String imageTop, List<FileEntry> init, Consumer<String> own) {
        String initDir = initFiles(base, cacheId);
        if (imageTop == null) {
            kernel.fs().mkdirs(initDir);
        } else {
            kernel.fs().copyTree(imageTop, initDir);
        }
        kernel.fs().unpackLayer(initDir, init);
        kernel.fs().copyTree(initDir, base + "/" + cacheId);
        own.accept(base + "/" + cacheId);
    }

    @Override
    public String initFiles(String base, String cacheId) {
        return base + "/" + cacheId + "-init";
    }

    @Override
    public Rootfs rootfs(String cacheId, List<String> imageLayersTopFirst) {
        return restore(cacheId, List.of());
    }

    @Override
    public Rootfs restore(String cacheId, List<String> lowerdirs) {
        String dir = layerPath(cacheId);
        return new Rootfs(cacheId, List.of(), dir, "", dir);
    }

    private String initDir(Rootfs r) {
        return layerPath(r.cacheId() + "-init");
    }

    @Override
    public void removeRootfs(String cacheId) {
        kernel.fs().remove(layerPath(cacheId));
        kernel.fs().remove(layerPath(cacheId + "-init"));
    }

    @Override
    public void mount(Rootfs r) {
        // a plain directory: nothing to mount (moby's vfs Get returns the directory)
    }

    @Override
    public void unmount(Rootfs r) {
        // nothing was mounted (moby's vfs Put is a no-op)
    }

    @Override
    public List<FileEntry> diff(Rootfs r) {
        return VfsDiff.between(kernel.fs().readTree(initDir(r)), kernel.fs().readTree(r.upperdir()));
    }

    @Override
    public boolean inParent(Rootfs r, String path) {
        return kernel.fs().stat(initDir(r) + "/" + path) != null;
    }

    @Override
    public String diffEquivalent(Rootfs r) {
        return "diff -rq " + initDir(r) + " " + r.upperdir();
    }

    @Override
    public long changedBytes(Rootfs r) {
        long sum = 0;
        for (FileEntry e : diff(r)) {
            sum += e.type() == FileEntry.Type.FILE && !e.path().substring(e.path().lastIndexOf('/') + 1).startsWith(WHITEOUT) ? e.size() : 0;
        }
        return sum;
    }

    @Override
    public long diskBytes(Rootfs r) {
        return kernel.fs().diskUsage(r.upperdir()) + kernel.fs().diskUsage(initDir(r));
    }

    @Override
    public long diskBytes(String cacheId, long contentSize) {
        return kernel.fs().diskUsage(layerPath(cacheId));
    }

    @Override
    public Map<String, Object> imageData(List<String> layersTopFirst) {
        return null; // moby's vfs GetMetadata: no metadata
    }

    @Override
    public Map<String, Object> containerData(Rootfs r) {
        return null;
    }
}
