package dev.glassbox.sim.programs.registry;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Paths;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The distribution registry's filesystem layout under its root directory, written and read with real
 * system calls: {@code docker/registry/v2/blobs/sha256/AB/ABCD…/data} for content, and per repository
 * {@code _layers/sha256/…/link}, {@code _manifests/revisions/sha256/…/link},
 * {@code _manifests/tags/TAG/current/link} and {@code _uploads/UUID/data}.
 */
final class RegistryStorage {
    private final Sys sys;
    private final String v2;

    RegistryStorage(Sys sys, String root) {
        this.sys = sys;
        this.v2 = root + "/docker/registry/v2";
    }

    static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String blobPath(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return v2 + "/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data";
    }

    private String repo(String name) {
        return v2 + "/repositories/" + name;
    }

    byte[] blob(String digest) {
        return read(blobPath(digest));
    }

    /** Stores content under its digest and links it into the repository; answers the digest. */
    String putBlob(String name, byte[] data, boolean manifest) {
        String digest = sha256(data);
        write(blobPath(digest), data);
        String hex = digest.substring(7);
        write(repo(name) + (manifest ? "/_manifests/revisions/sha256/" : "/_layers/sha256/") + hex + "/link",
                digest.getBytes(StandardCharsets.UTF_8));
        return digest;
    }

    boolean hasLayer(String name, String digest) {
        return digest.startsWith("sha256:") && read(repo(name) + "/_layers/sha256/" + digest.substring(7) + "/link") != null;
    }

    void tag(String name, String tag, String digest) {
        byte[] link = digest.getBytes(StandardCharsets.UTF_8);
        write(repo(name) + "/_manifests/tags/" + tag + "/current/link", link);
        write(repo(name) + "/_manifests/tags/" + tag + "/index/sha256/" + digest.substring(7) + "/link", link);
    }

    /** A manifest's digest by tag or digest, or null when the repository has no such manifest. */
    String manifestDigest(String name, String reference) {
        if (reference.startsWith("sha256:")) {
            return read(repo(name) + "/_manifests/revisions/sha256/" + reference.substring(7) + "/link") == null ? null : reference;
        }
        byte[] link = read(repo(name) + "/_manifests/tags/" + reference + "/current/link");
        return link == null ? null : new String(link, StandardCharsets.UTF_8).trim();
    }

    boolean hasRepository(String name) {
        return exists(repo(name) + "/_manifests");
    }

    List<String> tags(String name) {
        return names(repo(name) + "/_manifests/tags");
    }

    /** Every repository with a manifest, sorted, names with their slashes. */
    List<String> catalog() {
        TreeSet<String> out = new TreeSet<>();
        walk(v2 + "/repositories", "", out);
        return new ArrayList<>(out);
    }

    private void walk(String dir, String prefix, TreeSet<String> out) {
        for (String n : names(dir)) {
            if (n.equals("_manifests")) {
                out.add(prefix.substring(0, prefix.length() - 1));
            } else if (!n.startsWith("_")) {
                walk(dir + "/" + n, prefix + n + "/", out);
            }
        }
    }

    void startUpload(String name, String uuid) {
        write(repo(name) + "/_uploads/" + uuid + "/data", new byte[0]);
        write(repo(name) + "/_uploads/" + uuid + "/startedat", Long.toString(sys.timeMillis()).getBytes(StandardCharsets.UTF_8));
    }

    /** Appends to an upload; null when there is no such upload. */
    byte[] appendUpload(String name, String uuid, byte[] chunk) {
        String data = repo(name) + "/_uploads/" + uuid + "/data";
        byte[] before = read(data);
        if (before == null) {
            return null;
        }
        sys.write(data, chunk, true);
        return read(data);
    }

    void finishUpload(String name, String uuid) {
        String dir = repo(name) + "/_uploads/" + uuid;
        for (String n : names(dir)) {
            sys.unlink(dir + "/" + n);
        }
        sys.rmdir(dir);
    }

    private List<String> names(String dir) {
        List<String> out = new ArrayList<>();
        try {
            for (Sys.DirEntry e : sys.readdir(dir)) {
                if (!e.name().equals(".") && !e.name().equals("..")) {
                    out.add(e.name());
                }
            }
        } catch (SysError e) {
            // nothing there
        }
        out.sort(null);
        return out;
    }

    private boolean exists(String path) {
        try {
            sys.stat(path);
            return true;
        } catch (SysError e) {
            return false;
        }
    }

    private byte[] read(String path) {
        try {
            return sys.read(path);
        } catch (SysError e) {
            return null;
        }
    }

    private void write(String path, byte[] data) {
        Paths.mkdirs(sys, path.substring(0, path.lastIndexOf('/')), 0755);
        sys.write(path, data, false);
    }
}
