package dev.glassbox.sim.programs.packages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A distribution's package mirror in the simulated world (dl-cdn.alpinelinux.org, deb.debian.org,
 * archive.ubuntu.com): a handful of packages whose programs really run on the sim kernel. glassbox
 * keeps all traffic inside the host, so the mirror is not a machine on the sim network: a package
 * manager reaches it when its container has a route out (a default route; {@code --network none}
 * has none) and reads the index it serves from here. The index text is a resource, one paragraph a
 * package ({@code P:} name, {@code V:} version, {@code R:} repository, {@code D:} depends, {@code C:}
 * recommends, {@code S:} download size, {@code I:} installed size, {@code F:} files, {@code X:} script,
 * {@code M:same} Multi-Arch: same).
 */
final class Mirror {
    private static final Map<String, Mirror> LOADED = new ConcurrentHashMap<>();

    private final String text;
    private final Map<String, MirrorPackage> packages;

    private Mirror(String text) {
        this.text = text;
        this.packages = parse(text);
    }

    /** The mirror of {@code alpine-v3.20}, {@code debian-bookworm} or {@code ubuntu-noble}. */
    static Mirror of(String distribution) {
        return LOADED.computeIfAbsent(distribution, d -> new Mirror(resource(d)));
    }

    /** Whether a process can reach the mirror: its network namespace has a route out of it. */
    static boolean reachable(dev.glassbox.sim.Sys sys) {
        return sys.routes().stream().anyMatch(r -> r.destination().equals("default"));
    }

    /** The index as the mirror serves it (what {@code apk update} stores and {@code apt-get update} lists). */
    String index() {
        return text;
    }

    Optional<MirrorPackage> find(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    List<MirrorPackage> all() {
        return List.copyOf(packages.values());
    }

    /** The packages of a stored index, as {@link #index} gave it. */
    static Map<String, MirrorPackage> parse(String index) {
        Map<String, MirrorPackage> out = new LinkedHashMap<>();
        for (String paragraph : index.split("\n\\s*\n")) {
            Map<String, String> f = new LinkedHashMap<>();
            for (String line : paragraph.split("\n")) {
                int colon = line.indexOf(':');
                if (!line.startsWith("#") && colon == 1) {
                    f.merge(line.substring(0, 1), line.substring(2).trim(), (a, b) -> a + " " + b);
                }
            }
            if (!f.containsKey("P")) {
                continue;
            }
            List<MirrorPackage.PackageFile> files = new ArrayList<>();
            for (String spec : words(f.get("F"))) {
                files.add(MirrorPackage.PackageFile.parse(spec));
            }
            out.put(f.get("P"), new MirrorPackage(f.get("P"), f.get("V"), f.getOrDefault("R", "main"), words(f.get("D")),
                    words(f.get("C")), Long.parseLong(f.getOrDefault("S", "0")), Long.parseLong(f.getOrDefault("I", "0")),
                    files, f.get("X"), "same".equals(f.get("M"))));
        }
        return out;
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static String resource(String distribution) {
        try (InputStream in = Mirror.class.getResourceAsStream("mirror-" + distribution + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("no mirror for " + distribution);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
