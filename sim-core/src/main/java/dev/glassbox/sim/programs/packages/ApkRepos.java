package dev.glassbox.sim.programs.packages;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * apk opening the repositories of {@code /etc/apk/repositories}, as apk-tools 2.14's
 * {@code apk_db_add_repository} does: with {@code --no-cache} the index is fetched for this run only;
 * otherwise it is kept in {@code /var/cache/apk/APKINDEX.<hash>.tar.gz} and fetched again when
 * missing, older than four hours or {@code --update-cache} asks. A repository that cannot be
 * reached is reported in apk's words and counted unavailable (twice, as apk 2.14 counts it).
 */
final class ApkRepos {
    private static final String CDN = "https://dl-cdn.alpinelinux.org/alpine/v3.20/";
    private static final long MAX_AGE_MILLIS = 4 * 60 * 60 * 1000L;
    private static final Map<String, String> DESCRIPTIONS = Map.of("main", "v3.20.3-219-g7d8cd2ef8ab",
            "community", "v3.20.3-218-g1f3c5d4e3b1");

    private final Sys sys;
    private final Tool t;
    private final Map<String, MirrorPackage> available = new LinkedHashMap<>();
    private final List<String> descriptions = new ArrayList<>();
    private int unavailable;
    private int stale;

    private final boolean quiet;

    ApkRepos(Tool t, boolean quiet) {
        this.t = t;
        this.sys = t.sys;
        this.quiet = quiet;
    }

    private void fetchMessage(String indexUrl) {
        if (!quiet) {
            t.out("fetch " + indexUrl + "\n");
        }
    }

    /** Opens every repository; {@code refresh} fetches even a fresh cached index (apk update, -U). */
    void open(boolean noCache, boolean refresh) {
        for (String url : urls()) {
            String indexUrl = url + "/x86_64/APKINDEX.tar.gz";
            String cache = "/var/cache/apk/APKINDEX." + hash(indexUrl) + ".tar.gz";
            String index = null;
            String action;
            String updateError = "";
            if (noCache) {
                action = "fetching";
                fetchMessage(indexUrl);
                index = fetch(url);
                updateError = index == null ? error(url) : "";
            } else {
                action = "opening from cache";
                Sys.Stat cached = stat(cache);
                if (refresh || cached == null || sys.timeMillis() - cached.mtimeMillis() > MAX_AGE_MILLIS) {
                    fetchMessage(indexUrl);
                    String fetched = fetch(url);
                    if (fetched != null) {
                        Paths.mkdirs(sys, "/var/cache/apk", 0755);
                        sys.writeText(cache, fetched, false);
                    } else {
                        updateError = error(url);
                    }
                }
                index = stat(cache) == null ? null : sys.readText(cache);
            }
            boolean failed = index == null;
            if (failed || !updateError.isEmpty()) {
                if (failed) {
                    unavailable++;
                } else {
                    stale++;
                }
                if (!noCache && !updateError.isEmpty()) {
                    action = failed ? "updating and opening" : "updating";
                }
                t.io.err("WARNING: " + action + " " + url + ": " + updateError + "\n");
            }
            if (failed) {
                unavailable++;
                continue;
            }
            Mirror.parse(index).forEach(available::putIfAbsent);
            descriptions.add(DESCRIPTIONS.getOrDefault(section(url), "v3.20.3") + " [" + url + "]");
        }
    }

    Map<String, MirrorPackage> available() {
        return available;
    }

    List<String> descriptions() {
        return descriptions;
    }

    int unavailable() {
        return unavailable;
    }

    int stale() {
        return stale;
    }

    private List<String> urls() {
        List<String> out = new ArrayList<>();
        try {
            for (String line : sys.readText("/etc/apk/repositories").split("\n")) {
                String l = line.trim();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l.endsWith("/") ? l.substring(0, l.length() - 1) : l);
                }
            }
        } catch (SysError e) {
            // no repositories: only what is installed
        }
        return out;
    }

    /** The index the simulated mirror serves for a repository URL, or null when it cannot be had. */
    private String fetch(String url) {
        if (!Mirror.reachable(sys) || !url.startsWith(CDN)) {
            return null;
        }
        String section = section(url);
        StringBuilder b = new StringBuilder();
        for (String paragraph : Mirror.of("alpine-v3.20").index().split("\n\n")) {
            if (paragraph.contains("\nR:" + section + "\n")) {
                b.append(paragraph.strip()).append("\n\n");
            }
        }
        return b.toString();
    }

    /** apk's reason, from libfetch: the resolver cannot be asked without a route; a host not simulated does not resolve. */
    private String error(String url) {
        return Mirror.reachable(sys) ? "DNS lookup error" : "temporary error (try again later)";
    }

    private static String section(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private Sys.Stat stat(String path) {
        try {
            return sys.stat(path);
        } catch (SysError e) {
            return null;
        }
    }

    /** apk names a cached index after the first four bytes of the SHA-1 of its URL. */
    static String hash(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
