package dev.glassbox.linux.image;

import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.Layer;
import dev.glassbox.linux.Cmd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers: one shared hub (the images are built once per JVM) and a path resolver over layers. */
final class Images {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    static final Path NGINX = Path.of(NginxLayer.BINARY);
    private static LocalHub shared;

    private Images() {}

    static synchronized LocalHub hub() {
        if (shared == null) {
            shared = LocalHub.fromHost();
        }
        return shared;
    }

    static boolean hostHasNginx() {
        return Files.isExecutable(NGINX);
    }

    /** The merged view of an image's layers, later layers winning (no whiteouts in these images). */
    static Map<String, FileEntry> merged(Image image) {
        Map<String, FileEntry> all = new HashMap<>();
        for (Layer l : image.layers()) {
            l.entries().forEach(e -> all.put(e.path(), e));
        }
        return all;
    }

    /** Follows symlinks (in every component) through the merged tree, as the kernel would in a container. */
    static Optional<FileEntry> lookup(Map<String, FileEntry> tree, String absolute) {
        String path = absolute;
        for (int hops = 0; hops < 40; hops++) {
            String[] parts = path.substring(1).split("/");
            String cur = "";
            boolean relinked = false;
            for (int i = 0; i < parts.length && !relinked; i++) {
                cur = cur.isEmpty() ? parts[i] : cur + "/" + parts[i];
                FileEntry e = tree.get(cur);
                if (e == null) {
                    return Optional.empty();
                }
                if (e.type() == FileEntry.Type.SYMLINK) {
                    String dir = cur.contains("/") ? "/" + cur.substring(0, cur.lastIndexOf('/')) : "/";
                    String target = e.link().startsWith("/") ? e.link() : Path.of(dir).resolve(e.link()).toString();
                    String rest = String.join("/", List.of(parts).subList(i + 1, parts.length));
                    path = Path.of(rest.isEmpty() ? target : target + "/" + rest).normalize().toString();
                    relinked = true;
                } else if (i == parts.length - 1) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    static List<String> lines(List<String> argv) {
        return Cmd.check(argv).stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
