package dev.glassbox.daemon.storage;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.Kernel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A graph driver, as dockerd has them: it owns where image layers and containers' root filesystems
 * live on the host under its home ({@code /var/lib/docker/overlay2}, {@code /var/lib/docker/vfs}),
 * how a layer is made on top of its parent, how a container's '/' is prepared and released, where
 * the changes a commit takes are found, and what each costs on disk. Every file operation goes
 * through the kernel's {@link dev.glassbox.kernel.HostFs} and {@link dev.glassbox.kernel.Mounts}.
 */
public sealed interface StorageDriver permits Overlay2Driver, VfsDriver {

    /** The driver dockerd was started with, on this kernel, under this data root. */
    static StorageDriver of(DriverKind kind, Kernel kernel, String dataRoot) {
        return switch (kind) {
            case OVERLAY2 -> new Overlay2Driver(kernel, dataRoot);
            case VFS -> new VfsDriver(kernel, dataRoot);
        };
    }

    DriverKind kind();

    /** docker info's DriverStatus: the driver's facts as name/value pairs; null where it has none (vfs). */
    List<List<String>> status();

    /** The driver's home: {@code DATA_ROOT/overlay2}, {@code DATA_ROOT/vfs}. */
    String home();

    /** The directory whose entries are named by cache ids (layers' and containers'). */
    String layersDir();

    /** At daemon start: the driver's directories (its home and its image metadata directory). */
    void init();

    /** Where the files of the layer with this cache id are. */
    String layerPath(String cacheId);

    /**
     * Makes the layer {@code cacheId} from its parent's files ({@code parentPath}, null for a base
     * layer) and the layer's entries (OCI whiteouts included).
     */
    void makeLayer(String cacheId, String parentPath, List<FileEntry> entries);

    void removeLayer(String cacheId);

    /** The pull's "extract" step, in one sentence: what this driver does with a layer's tar. */
    String extractSentence();

    /** A layer made here (commit, build) stored, in one sentence. */
    String storedSentence(int entries);

    /**
     * Whether a container's layers can be made before anyone asks for them (they do not depend on
     * the image): overlay2's init and empty upper layer can, vfs's copies of an image cannot.
     */
    boolean makesAhead();

    /**
     * Makes a container's init layer ({@code init}: the mount points Docker binds over) and its
     * writable layer under {@code base} (the layers directory, or where they are made ahead), on
     * the image whose top layer's files are at {@code imageTop}. {@code own} gives a directory to
     * the container's root (a remapped one).
     */
    void makeRootfs(String base, String cacheId, String imageTop, List<FileEntry> init, Consumer<String> own);

    /** Where {@link #makeRootfs} puts the init layer's files under {@code base}. */
    String initFiles(String base, String cacheId);

    /** A container's root filesystem on an image whose layers' files are at {@code imageLayersTopFirst}. */
    Rootfs rootfs(String cacheId, List<String> imageLayersTopFirst);

    /** A container's root filesystem as saved ({@link Rootfs#lowerdirs} as they were). */
    Rootfs restore(String cacheId, List<String> lowerdirs);

    void removeRootfs(String cacheId);

    /** Makes the container's '/' readable at {@link Rootfs#merged} for the daemon (a stopped container's docker cp). */
    void mount(Rootfs r);

    /** Undoes {@link #mount}. */
    void unmount(Rootfs r);

    /** The container's changes as layer entries, deletions as OCI whiteouts: what commit archives. */
    List<FileEntry> diff(Rootfs r);

    /** Whether the image (with the init layer) under the container has this path: changed rather than added. */
    boolean inParent(Rootfs r, String path);

    /** Where {@link #diff} reads, in one shell line. */
    String diffEquivalent(Rootfs r);

    /** The bytes of the container's changes: SizeRw. */
    long changedBytes(Rootfs r);

    /** The bytes the container's own directories hold on disk. */
    long diskBytes(Rootfs r);

    /** The bytes a layer's directory holds on disk; {@code contentSize}: its own files' bytes. */
    long diskBytes(String cacheId, long contentSize);

    /** inspect's GraphDriver.Data for an image; null where the driver has none (vfs). */
    Map<String, Object> imageData(List<String> layersTopFirst);

    /** inspect's GraphDriver.Data for a container; null where the driver has none (vfs). */
    Map<String, Object> containerData(Rootfs r);
}
