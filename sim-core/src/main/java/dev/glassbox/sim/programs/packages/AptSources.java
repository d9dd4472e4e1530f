package dev.glassbox.sim.programs.packages;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What apt reads its sources from ({@code /etc/apt/sources.list.d/*.sources} in deb822 form, and a
 * one-line {@code /etc/apt/sources.list}) and where it keeps what it fetched ({@code /var/lib/apt/lists},
 * one file per URL with {@code /} turned into {@code _}). The simulated mirrors answer for
 * deb.debian.org (bookworm) and archive/security.ubuntu.com (noble).
 */
final class AptSources {
    static final String LISTS = "/var/lib/apt/lists";

    /** The InRelease sizes of the real archives, which the simulated mirrors serve at the same size. */
    private static final Map<String, Long> IN_RELEASE = Map.of("bookworm", 151_000L, "bookworm-updates", 55_400L,
            "bookworm-security", 48_000L, "noble", 256_000L, "noble-updates", 126_000L, "noble-backports", 126_000L,
            "noble-security", 126_000L);

    /** One suite of one archive: {@code http://deb.debian.org/debian bookworm [main]}. */
    record Suite(String uri, String suite, List<String> components) {
        Suite {
            components = List.copyOf(components);
        }

        /** The archive's name as the mirror's index spells repositories: {@code debian}, {@code debian-security}, {@code ubuntu}. */
        String archive() {
            return uri.substring(uri.lastIndexOf('/') + 1);
        }

        String host() {
            String rest = uri.substring(uri.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }

        String listPrefix() {
            return LISTS + "/" + uri.substring(uri.indexOf("://") + 3).replace('/', '_') + "_dists_" + suite.replace('/', '_');
        }

        String inRelease() {
            return listPrefix() + "_InRelease";
        }

        String packages(String component) {
            return listPrefix() + "_" + component + "_binary-amd64_Packages";
        }

        long inReleaseSize() {
            return IN_RELEASE.getOrDefault(suite, 4_000L);
        }

        /** The simulated mirror behind this archive, or null for a host glassbox does not simulate. */
        Mirror mirror() {
            return switch (host()) {
                case "deb.debian.org" -> Mirror.of("debian-bookworm");
                case "archive.ubuntu.com", "security.ubuntu.com" -> Mirror.of("ubuntu-noble");
                default -> null;
            };
        }

        /** The paragraphs of the mirror's index for one component of this suite: what its Packages file holds. */
        String packagesText(String component) {
            Mirror m = mirror();
            if (m == null) {
                return "";
            }
            StringBuilder b = new StringBuilder();
            String repo = archive() + " " + suite + "/" + component;
            for (String paragraph : m.index().split("\n\n")) {
                if (paragraph.contains("\nR:" + repo + "\n")) {
                    b.append(paragraph.strip()).append("\n\n");
                }
            }
            return b.toString();
        }
    }

    private AptSources() {}

    static List<Suite> read(Sys sys) {
        List<Suite> out = new ArrayList<>();
        try {
            for (Sys.DirEntry e : sys.readdir("/etc/apt/sources.list.d")) {
                if (e.name().endsWith(".sources")) {
                    deb822(sys.readText("/etc/apt/sources.list.d/" + e.name()), out);
                }
            }
        } catch (SysError e) {
            // no sources.list.d
        }
        try {
            for (String line : sys.readText("/etc/apt/sources.list").split("\n")) {
                String[] f = line.replaceAll("#.*", "").trim().split("\\s+");
                if (f.length >= 3 && f[0].equals("deb")) {
                    out.add(new Suite(trim(f[1]), f[2], List.of(f).subList(3, f.length)));
                }
            }
        } catch (SysError e) {
            // no sources.list
        }
        return out;
    }

    private static void deb822(String text, List<Suite> out) {
        for (String stanza : text.split("\n\\s*\n")) {
            String uris = "";
            String suites = "";
            String components = "";
            for (String line : stanza.split("\n")) {
                if (line.startsWith("URIs:")) {
                    uris = line.substring(5).trim();
                } else if (line.startsWith("Suites:")) {
                    suites = line.substring(7).trim();
                } else if (line.startsWith("Components:")) {
                    components = line.substring(11).trim();
                }
            }
            for (String uri : uris.split("\\s+")) {
                for (String suite : suites.split("\\s+")) {
                    if (!uri.isEmpty() && !suite.isEmpty()) {
                        out.add(new Suite(trim(uri), suite, List.of(components.split("\\s+"))));
                    }
                }
            }
        }
    }

    private static String trim(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
