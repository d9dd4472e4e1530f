package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.daemon.dockerfile.Instruction;
import dev.glassbox.daemon.dockerfile.ShellLex;
import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * COPY and ADD: sources from the build context (or, with {@code --from}, a stage or an image), globs
 * matched as Go's filepath.Match does, keyed in the cache by a checksum of their content (never their
 * times), written as one new layer; ADD unpacks a local tar archive.
 */
final class BuildCopy {
    private final Daemon d;
    private final BuildImages images;
    private final Map<String, FileEntry> context;
    private final Function<String, Image> fromStage;

    /** {@code fromStage} answers a stage name or number, or an image reference, for {@code --from}. */
    BuildCopy(Daemon d, BuildImages images, Map<String, FileEntry> context, Function<String, Image> fromStage) {
        this.d = d;
        this.images = images;
        this.context = context;
        this.fromStage = fromStage;
    }

    private record Source(String path, FileEntry entry, String hash) {}

    void copy(BuildStage st, Instruction.Copy cp, BuildSteps steps) {
        ShellLex lex = st.lex();
        String name = cp.name();
        String dest = lex.word(cp.dest());
        String chown = lex.word(cp.chown());
        Map<String, FileEntry> from = cp.from().isEmpty() ? context : BuildImages.files(fromStage.apply(lex.word(cp.from())));
        List<Source> sources = new ArrayList<>();
        for (String raw : cp.sources()) {
            String src = lex.word(raw);
            if (src.startsWith("http://") || src.startsWith("https://")) {
                throw cp.add() ? DockerException.unsupported("glassbox: ADD of a URL is not supported: the engine has no way out to the internet; put the file in the context and COPY it")
                        : DockerException.invalid("COPY failed: source can't be a URL for COPY");
            }
            sources.addAll(find(from, src, name));
        }
        if (sources.isEmpty()) {
            throw DockerException.invalid(name + " failed: no source files were specified");
        }
        if (sources.size() > 1 && !dest.endsWith("/")) {
            throw DockerException.invalid("When using " + name + " with more than one source file, the destination must be a directory and end with a /");
        }
        String hash = sources.size() == 1 ? sources.get(0).hash() : "multi:" + Digest.of(String.join(",", sources.stream().map(Source::hash).toList())).hex();
        List<String> nop = new ArrayList<>(st.cfg.shellOrDefault());
        nop.add("#(nop) " + name + " " + (chown.isEmpty() ? "" : "--chown=" + chown + " ") + hash + " in " + dest + " ");
        String createdBy = String.join(" ", nop);
        if (steps.cached(st, createdBy)) {
            return;
        }
        TreeMap<String, FileEntry> existing = BuildImages.files(st.image);
        int[] owner = chown.isEmpty() ? new int[] {0, 0} : BuildOwners.resolve(chown, existing);
        String destAbs = BuildText.workdir(st.cfg.workingDir, dest).substring(1);
        FileEntry at = existing.get(destAbs);
        boolean intoDir = dest.endsWith("/") || sources.size() > 1 || (at != null && at.type() == FileEntry.Type.DIR);
        Map<String, FileEntry> out = new LinkedHashMap<>();
        for (Source s : sources) {
            place(s, destAbs, intoDir, cp.add(), from, owner, out);
        }
        addParents(out, existing);
        st.image = d.images.byId.get(images.commit(st.image, st.cfg, createdBy, LayerArchive.layer(new ArrayList<>(out.values())),
                st.maintainer)).image();
    }

    private List<Source> find(Map<String, FileEntry> from, String src, String name) {
        String clean = BuildText.workdir("/", src).substring(1);
        if (escapes(src)) {
            throw DockerException.invalid(name + " failed: forbidden path outside the build context: " + src + " ()");
        }
        List<Source> out = new ArrayList<>();
        if (clean.isEmpty()) {
            out.add(new Source("", FileEntry.dir(".", 0755), hashDir(from, "")));
            return out;
        }
        if (GoMatch.hasMeta(clean)) {
            for (Map.Entry<String, FileEntry> e : from.entrySet()) {
                if (GoMatch.matches(clean, e.getKey())) {
                    out.add(source(from, e.getKey(), e.getValue()));
                }
            }
            return out;
        }
        FileEntry e = from.get(clean);
        if (e == null) {
            throw DockerException.invalid(name + " failed: file not found in build context or excluded by .dockerignore: stat " + src
                    + ": file does not exist");
        }
        out.add(source(from, clean, e));
        return out;
    }

    private static boolean escapes(String src) {
        int depth = 0;
        for (String part : src.split("/")) {
            if (part.equals("..")) {
                depth--;
                if (depth < 0) {
                    return true;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    private static Source source(Map<String, FileEntry> from, String path, FileEntry e) {
        return new Source(path, e, e.type() == FileEntry.Type.DIR ? hashDir(from, path) : "file:" + hashFile(e));
    }

    private static String hashFile(FileEntry e) {
        return Digest.of((Integer.toOctalString(e.mode()) + "\0" + e.type() + "\0" + e.link() + "\0"
                + new String(e.data(), StandardCharsets.ISO_8859_1) + "\0" + e.size()).getBytes(StandardCharsets.ISO_8859_1)).hex();
    }

    private static String hashDir(Map<String, FileEntry> from, String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, FileEntry> e : from.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                parts.add(e.getKey().substring(prefix.length()) + ":" + hashFile(e.getValue()));
            }
        }
        return "dir:" + Digest.of(String.join(",", parts)).hex();
    }

    private void place(Source s, String destAbs, boolean intoDir, boolean add, Map<String, FileEntry> from, int[] owner,
                       Map<String, FileEntry> out) {
        FileEntry e = s.entry();
        if (e.type() == FileEntry.Type.DIR) {
            String prefix = s.path().isEmpty() ? "" : s.path() + "/";
            if (!destAbs.isEmpty()) {
                put(out, FileEntry.dir(destAbs, e.mode()), owner);
            }
            for (Map.Entry<String, FileEntry> x : from.entrySet()) {
                if (x.getKey().startsWith(prefix) && !x.getKey().equals(s.path())) {
                    put(out, renamed(x.getValue(), join(destAbs, x.getKey().substring(prefix.length()))), owner);
                }
            }
            return;
        }
        if (add && e.type() == FileEntry.Type.FILE) {
            List<FileEntry> unpacked = unpack(e.data());
            if (unpacked != null) {
                for (FileEntry x : unpacked) {
                    String p = BuildImages.strip(x.path());
                    if (!p.isEmpty() && !p.equals(".")) {
                        out.put(join(destAbs, p), renamed(x, join(destAbs, p)));
                    }
                }
                return;
            }
        }
        String base = s.path().substring(s.path().lastIndexOf('/') + 1);
        put(out, renamed(e, intoDir ? join(destAbs, base) : destAbs), owner);
    }

    private static String join(String dir, String rel) {
        return dir.isEmpty() ? rel : rel.isEmpty() ? dir : dir + "/" + rel;
    }

    private static void put(Map<String, FileEntry> out, FileEntry e, int[] owner) {
        out.put(e.path(), e.owned(owner[0], owner[1]));
    }

    private static FileEntry renamed(FileEntry e, String path) {
        return new FileEntry(path, e.type(), e.mode(), e.uid(), e.gid(), e.data(), e.size(), e.link());
    }

    /** A tar (or gzipped tar) is unpacked by ADD; anything else is copied as it is (null). */
    private static List<FileEntry> unpack(byte[] data) {
        boolean gz = data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
        boolean tar = data.length > 262 && new String(data, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
        if (!gz && !tar) {
            return null;
        }
        try (InputStream in = gz ? new GZIPInputStream(new ByteArrayInputStream(data)) : new ByteArrayInputStream(data)) {
            return LayerArchive.readTar(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Directories on the way to each new file that the image lacks are made 0755, owned by root. */
    private static void addParents(Map<String, FileEntry> out, Map<String, FileEntry> existing) {
        for (String path : new ArrayList<>(out.keySet())) {
            String p = path;
            while (p.contains("/")) {
                p = p.substring(0, p.lastIndexOf('/'));
                if (!existing.containsKey(p) && !out.containsKey(p)) {
                    out.put(p, FileEntry.dir(p, 0755));
                }
            }
        }
    }
}
