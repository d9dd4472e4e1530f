package dev.glassbox.registry;

import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An image's layers stacked into one path table, with lookups that follow links like the kernel. */
final class Rootfs {
    private final Map<String, FileEntry> files = new HashMap<>();

    Rootfs(Image image) {
        for (Layer layer : image.layers()) {
            for (FileEntry e : layer.entries()) {
                files.put(e.path(), e);
            }
        }
    }

    /** The entry an absolute path ends at, every symlink (also in the middle) and hard link followed. */
    Optional<FileEntry> resolve(String absolute) {
        List<String> todo = new ArrayList<>(List.of(absolute.split("/")));
        List<String> at = new ArrayList<>();
        int links = 0;
        FileEntry entry = null;
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!at.isEmpty()) {
                    at.remove(at.size() - 1);
                }
                continue;
            }
            at.add(name);
            entry = files.get(String.join("/", at));
            if (entry == null) {
                return Optional.empty();
            }
            if (entry.type() == FileEntry.Type.HARDLINK) {
                entry = files.get(entry.link());
            }
            if (entry != null && entry.type() == FileEntry.Type.SYMLINK) {
                if (++links > 40) {
                    return Optional.empty();
                }
                at.remove(at.size() - 1);
                if (entry.link().startsWith("/")) {
                    at.clear();
                }
                todo.addAll(0, List.of(entry.link().split("/")));
                entry = null;
            }
        }
        return Optional.ofNullable(entry);
    }

    /** A command name as execve with PATH search finds it: names with a slash are paths. */
    Optional<FileEntry> command(String name, List<String> env) {
        if (name.contains("/")) {
            return resolve(name);
        }
        String path = env.stream().filter(e -> e.startsWith("PATH=")).findFirst().orElse("PATH=/usr/bin:/bin").substring(5);
        for (String dir : path.split(":")) {
            Optional<FileEntry> found = resolve(dir + "/" + name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    boolean exists(String absolute) {
        return resolve(absolute).isPresent();
    }
}
