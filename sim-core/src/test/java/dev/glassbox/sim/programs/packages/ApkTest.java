package dev.glassbox.sim.programs.packages;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** apk in the alpine image against the simulated mirror: apk's own output, real files, working programs. */
class ApkTest {
    private static final String FETCH = """
            fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz
            fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz
            """;

    @Test
    void addCurlInstallsItsDependenciesAndCurlFetchesFromAWebContainer() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create lab");
            ok(e, "docker run -d --name web --network lab nginx");
            Result add = ok(e, "docker run --rm alpine apk add --no-cache curl");
            assertEquals(FETCH + """
                    (1/10) Installing ca-certificates (20240705-r0)
                    (2/10) Installing brotli-libs (1.1.0-r2)
                    (3/10) Installing c-ares (1.33.1-r0)
                    (4/10) Installing libunistring (1.2-r0)
                    (5/10) Installing libidn2 (2.3.7-r0)
                    (6/10) Installing nghttp2-libs (1.62.1-r0)
                    (7/10) Installing libpsl (0.21.5-r1)
                    (8/10) Installing zstd-libs (1.5.6-r0)
                    (9/10) Installing libcurl (8.11.0-r2)
                    (10/10) Installing curl (8.11.0-r2)
                    Executing busybox-1.36.1-r29.trigger
                    Executing ca-certificates-20240705-r0.trigger
                    OK: 13 MiB in 24 packages
                    """, add.out());
            Result page = ok(e, "docker run --rm --network lab alpine sh -c \"apk add --no-cache curl >/dev/null && curl -s http://web/\"");
            assertTrue(page.out().startsWith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>"), page.out());
            assertEquals("", page.err());
        }
    }

    @Test
    void installedFilesShowInDiffAndSurviveACommit() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box alpine apk add -q tree");
            String diff = ok(e, "docker diff box").out();
            for (String line : new String[] {"A /usr/bin/tree", "C /etc/apk/world", "C /lib/apk/db/installed", "C /var/cache/apk",
                "A /var/cache/apk/APKINDEX." + ApkRepos.hash("https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz") + ".tar.gz"}) {
                assertTrue(diff.lines().anyMatch(line::equals), line + " in\n" + diff);
            }
            ok(e, "docker commit box withtree");
            ok(e, "docker run --rm withtree mkdir -p /t/a");
            Result tree = ok(e, "docker run --rm withtree sh -c 'mkdir -p /t/a/b && touch /t/a/f && tree /t'");
            assertEquals("/t\n└── a\n    ├── b\n    └── f\n\n2 directories, 1 file\n", tree.out());
            assertEquals("alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\ntree\n",
                    ok(e, "docker run --rm withtree cat /etc/apk/world").out());
            Result del = ok(e, "docker run --rm withtree apk del tree");
            assertEquals("(1/1) Purging tree (2.1.1-r0)\nOK: 7 MiB in 14 packages\n", del.out());
        }
    }

    @Test
    void updateFillsTheCacheThatAddThenUses() {
        try (Engine e = Engine.sim()) {
            Result r = ok(e, "docker run --rm alpine sh -c 'apk update && apk add bash && ls /var/cache/apk && bash -c \"echo from bash\"'");
            assertEquals(FETCH + """
                    v3.20.3-219-g7d8cd2ef8ab [https://dl-cdn.alpinelinux.org/alpine/v3.20/main]
                    v3.20.3-218-g1f3c5d4e3b1 [https://dl-cdn.alpinelinux.org/alpine/v3.20/community]
                    OK: 31 distinct packages available
                    (1/4) Installing ncurses-terminfo-base (6.4_p20240420-r2)
                    (2/4) Installing libncursesw (6.4_p20240420-r2)
                    (3/4) Installing readline (8.2.10-r0)
                    (4/4) Installing bash (5.2.26-r0)
                    Executing bash-5.2.26-r0.post-install
                    Executing busybox-1.36.1-r29.trigger
                    OK: 9 MiB in 18 packages
                    %s
                    from bash
                    """.formatted(java.util.stream.Stream.of("main", "community")
                    .map(s -> "APKINDEX." + ApkRepos.hash("https://dl-cdn.alpinelinux.org/alpine/v3.20/" + s + "/x86_64/APKINDEX.tar.gz") + ".tar.gz")
                    .sorted().collect(java.util.stream.Collectors.joining("\n"))), r.out());
        }
    }

    @Test
    void unknownPackagesAndNoNetworkAreApksOwnErrors() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q alpine");
            Result unknown = e.run("docker run --rm alpine apk add --no-cache nosuch curl foo");
            assertEquals(FETCH, unknown.out());
            assertEquals("ERROR: unable to select packages:\n  foo (no such package):\n    required by: world[foo]\n"
                    + "  nosuch (no such package):\n    required by: world[nosuch]\n", unknown.err());
            assertEquals(1, unknown.exitStatus());
            Result offline = e.run("docker run --rm --network none alpine apk add curl");
            assertEquals(FETCH, offline.out());
            assertEquals("""
                    WARNING: updating and opening https://dl-cdn.alpinelinux.org/alpine/v3.20/main: temporary error (try again later)
                    WARNING: updating and opening https://dl-cdn.alpinelinux.org/alpine/v3.20/community: temporary error (try again later)
                    ERROR: unable to select packages:
                      curl (no such package):
                        required by: world[curl]
                    """, offline.err());
            Result user = e.run("docker run --rm --user 405 alpine apk add curl");
            assertEquals("ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n",
                    user.err());
            assertEquals(99, user.exitStatus());
            Result update = e.run("docker run --rm --network none alpine apk update");
            assertTrue(update.out().endsWith("4 unavailable, 0 stale; 14 distinct packages available\n"), update.out());
            assertEquals(4, update.exitStatus());
        }
    }
}
