package dev.glassbox.sim.programs.packages;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** apt-get in the debian and ubuntu images against the simulated mirrors. */
class AptTest {
    @Test
    void installBeforeUpdateFindsNothingAsOnAFreshImage() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q debian");
            Result r = e.run("docker run --rm debian apt-get install -y curl");
            assertEquals("Reading package lists...\nBuilding dependency tree...\nReading state information...\n", r.out());
            assertEquals("E: Unable to locate package curl\n", r.err());
            assertEquals(100, r.exitStatus());
        }
    }

    @Test
    void updateThenInstallCurlThatFetchesFromAWebContainer() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q debian");
            String update = ok(e, "docker run --rm debian apt-get update").out();
            long packages = new AptSources.Suite("http://deb.debian.org/debian", "bookworm", java.util.List.of("main"))
                    .packagesText("main").length();
            assertTrue(update.matches("""
                    Get:1 http://deb.debian.org/debian bookworm InRelease \\[151 kB\\]
                    Get:2 http://deb.debian.org/debian bookworm-updates InRelease \\[55.4 kB\\]
                    Get:3 http://deb.debian.org/debian-security bookworm-security InRelease \\[48.0 kB\\]
                    Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages \\[%d B\\]
                    Fetched %d kB in 0s \\(\\d+\\.\\d MB/s\\)
                    Reading package lists...
                    """.formatted(packages, Math.round((254_400 + packages) / 1000.0))), update);
            ok(e, "docker network create lab");
            ok(e, "docker run -d --name web --network lab nginx");
            Result r = ok(e, "docker run --name box --network lab debian sh -c "
                    + "'apt-get update >/dev/null && apt-get install -y curl && curl -s http://web/'");
            String out = r.out();
            assertTrue(out.startsWith("""
                    Reading package lists...
                    Building dependency tree...
                    Reading state information...
                    The following additional packages will be installed:
                      ca-certificates krb5-locales libbrotli1 libcurl4 libgssapi-krb5-2
                      libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libldap-2.5-0
                      libldap-common libnghttp2-14 libpsl5 librtmp1 libsasl2-2 libsasl2-modules
                      libsasl2-modules-db libssh2-1 libssl3 openssl publicsuffix
                    The following NEW packages will be installed:
                      ca-certificates curl krb5-locales libbrotli1 libcurl4 libgssapi-krb5-2
                      libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libldap-2.5-0
                      libldap-common libnghttp2-14 libpsl5 librtmp1 libsasl2-2 libsasl2-modules
                      libsasl2-modules-db libssh2-1 libssl3 openssl publicsuffix
                    0 upgraded, 22 newly installed, 0 to remove and 0 not upgraded.
                    Need to get 6094 kB of archives.
                    """), out);
            assertTrue(out.contains(" http://deb.debian.org/debian bookworm/main amd64 libssl3 amd64 3.0.15-1~deb12u1 [2025 kB]\n"), out);
            assertTrue(out.contains("\nSelecting previously unselected package libbrotli1:amd64.\n(Reading database ... "), out);
            assertTrue(out.contains("\nSetting up curl (7.88.1-10+deb12u8) ...\nProcessing triggers for libc-bin (2.36-9+deb12u9) ...\n"), out);
            assertTrue(out.contains("</html>\n") && out.contains("<title>Welcome to nginx!</title>"), out);
            assertEquals("debconf: delaying package configuration, since apt-utils is not installed\n", r.err());
            String diff = ok(e, "docker diff box").out();
            assertTrue(diff.contains("\nA /usr/bin/curl\n") && diff.contains("\nC /var/lib/dpkg/status\n")
                    && diff.contains("\nA /var/lib/dpkg/info/libcurl4:amd64.list\n"), diff);
            ok(e, "docker commit box debcurl");
            assertEquals("200", ok(e, "docker run --rm --network lab debcurl curl -s -o /dev/null -w %{http_code} web").out());
        }
    }

    @Test
    void withoutANetworkOrAsAnotherUserAptSaysWhy() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q ubuntu");
            Result offline = ok(e, "docker run --rm --network none ubuntu apt-get update");
            assertTrue(offline.out().startsWith("Err:1 http://archive.ubuntu.com/ubuntu noble InRelease\n"
                    + "  Temporary failure resolving 'archive.ubuntu.com'\n"), offline.out());
            assertTrue(offline.err().endsWith("W: Failed to fetch http://security.ubuntu.com/ubuntu/dists/noble-security/InRelease"
                    + "  Temporary failure resolving 'security.ubuntu.com'\n"
                    + "W: Some index files failed to download. They have been ignored, or old ones used instead.\n"), offline.err());
            Result user = e.run("docker run --rm --user 1000 ubuntu apt-get update");
            assertEquals("E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\n"
                    + "E: Unable to lock directory /var/lib/apt/lists/\n", user.err());
            assertEquals(100, user.exitStatus());
            Result prompt = e.run("docker run --rm ubuntu sh -c 'apt-get update >/dev/null; apt-get install curl'");
            assertTrue(prompt.out().endsWith("Do you want to continue? [Y/n] Abort.\n"), prompt.out());
            assertEquals(1, prompt.exitStatus());
            Result already = ok(e, "docker run --rm ubuntu sh -c 'apt-get update >/dev/null; apt-get install -y bash'");
            assertTrue(already.out().endsWith("bash is already the newest version (5.2.21-2ubuntu4).\n"
                    + "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"), already.out());
        }
    }
}
