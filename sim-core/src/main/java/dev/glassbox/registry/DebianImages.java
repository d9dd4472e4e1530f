package dev.glassbox.registry;

import dev.glassbox.image.FileEntry;
import java.util.List;
import java.util.Set;

/**
 * The root filesystems of debian:bookworm-slim (under nginx and redis) and ubuntu:noble. Both have a
 * merged /usr, standalone coreutils and none of the network tools busybox brings (no ip, ping, wget,
 * ps): what a learner meets when {@code docker exec -it web ps} says "not found".
 */
final class DebianImages {
    static final String LIB = "usr/lib/x86_64-linux-gnu";

    /** The busybox applets that Debian and Ubuntu base images do not ship (procps, iproute2, ...). */
    private static final Set<String> NOT_IN_BASE = Set.of("ash", "ps", "kill", "ip", "ifconfig", "wget", "nc", "free",
            "top", "hexdump", "nslookup", "route", "netstat", "ping", "sh",
            "tty", "stty"); // these two come with coreutils, in MORE_COREUTILS

    private DebianImages() {}

    static List<FileEntry> bookworm() {
        Tree t = common();
        t.text("etc/debian_version", "12.8\n")
                .text("usr/lib/os-release", """
                        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                        NAME="Debian GNU/Linux"
                        VERSION_ID="12"
                        VERSION="12 (bookworm)"
                        VERSION_CODENAME=bookworm
                        ID=debian
                        HOME_URL="https://www.debian.org/"
                        SUPPORT_URL="https://www.debian.org/support"
                        BUG_REPORT_URL="https://bugs.debian.org/"
                        """)
                .text("etc/apt/sources.list.d/debian.sources", sources("http://deb.debian.org/debian",
                        "bookworm bookworm-updates", "http://deb.debian.org/debian-security", "bookworm-security",
                        "main", "debian-archive-keyring.gpg"))
                .blob("usr/share/keyrings/debian-archive-keyring.gpg", 0644, "\u0099\u0002\r\u0004", 8_700)
                .text("etc/passwd", DebianFiles.passwd(""))
                .text("etc/group", DebianFiles.group(""))
                .text("var/lib/dpkg/status", DebianFiles.status(DebianFiles.BOOKWORM_PACKAGES))
                .libs(LIB, "libc.so.6:1922 libm.so.6:907 libmvec.so.1:1050 libresolv.so.2:68 libnss_files.so.2:15"
                        + " libnss_dns.so.2:15 libpthread.so.0:15 libdl.so.2:15 librt.so.1:15 libutil.so.1:15"
                        + " libanl.so.1:15 libstdc++.so.6.0.30:2260 libgcc_s.so.1:125 libsystemd.so.0.35.0:900"
                        + " libapt-pkg.so.6.0.0:2160 libapt-private.so.0.0.0:470 libdb-5.3.so:1770"
                        + " libgnutls.so.30.34.3:2040 libp11-kit.so.0.3.0:1280 libunistring.so.2.2.0:1800"
                        + " libzstd.so.1.5.4:790 liblzma.so.5.4.1:170 libgcrypt.so.20.4.1:1300 libgpg-error.so.0.33.1:150"
                        + " libhogweed.so.6.6:290 libnettle.so.8.6:300 libidn2.so.0.3.8:120 libtasn1.so.6.6.3:75"
                        + " libffi.so.8.1.2:40 libgmp.so.10.4.1:520 libcrypt.so.1.1.0:200 libselinux.so.1:170"
                        + " libpcre2-8.so.0.11.2:600 libtinfo.so.6.4:200 libblkid.so.1.1.0:330 libmount.so.1.1.0:380"
                        + " libsmartcols.so.1.1.0:200 libuuid.so.1.3.0:35 libacl.so.1.1.2301:35 libattr.so.1.1.2501:25"
                        + " libaudit.so.1.0.0:130 libcap.so.2.66:45 libcap-ng.so.0.0.0:30 libbz2.so.1.0.4:75"
                        + " libz.so.1.2.13:120 libxxhash.so.0.8.1:50 libsemanage.so.2:290 libsepol.so.2:750"
                        + " libmd.so.0.0.5:50 libseccomp.so.2.5.4:150 liblz4.so.1.9.4:130 libpam.so.0.85.1:70"
                        + " libpam_misc.so.0.82.1:15 libdebconfclient.so.0.0.0:15 libncursesw.so.6.4:400")
                .blob("usr/lib/locale/C.utf8/LC_CTYPE", 0644, "\u0000\u0003\u0009\u0020", 346_132)
                .blob("var/cache/debconf/templates.dat", 0644, "Name: debconf/frontend\n", 580_000)
                .blob("var/cache/debconf/templates.dat-old", 0644, "Name: debconf/frontend\n", 578_000)
                .blobs("usr/share/zoneinfo", "TZif2", DebianSpecs.zoneinfo())
                .symlink("usr/share/zoneinfo/UTC", "Etc/UTC")
                .symlink("etc/localtime", "/usr/share/zoneinfo/Etc/UTC")
                .text("etc/timezone", "Etc/UTC\n");
        dpkgLists(t, DebianFiles.BOOKWORM_PACKAGES);
        return t.entries();
    }

    static List<FileEntry> noble() {
        Tree t = common();
        t.text("etc/debian_version", "trixie/sid\n")
                .text("etc/lsb-release", """
                        DISTRIB_ID=Ubuntu
                        DISTRIB_RELEASE=24.04
                        DISTRIB_CODENAME=noble
                        DISTRIB_DESCRIPTION="Ubuntu 24.04.1 LTS"
                        """)
                .text("usr/lib/os-release", """
                        PRETTY_NAME="Ubuntu 24.04.1 LTS"
                        NAME="Ubuntu"
                        VERSION_ID="24.04"
                        VERSION="24.04.1 LTS (Noble Numbat)"
                        VERSION_CODENAME=noble
                        ID=ubuntu
                        ID_LIKE=debian
                        HOME_URL="https://www.ubuntu.com/"
                        SUPPORT_URL="https://help.ubuntu.com/"
                        BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
                        UBUNTU_CODENAME=noble
                        LOGO=ubuntu-logo
                        """)
                .text("etc/apt/sources.list.d/ubuntu.sources", sources("http://archive.ubuntu.com/ubuntu/",
                        "noble noble-updates noble-backports", "http://security.ubuntu.com/ubuntu/", "noble-security",
                        "main universe restricted multiverse", "ubuntu-archive-keyring.gpg"))
                .blob("usr/share/keyrings/ubuntu-archive-keyring.gpg", 0644, "\u0099\u0002\r\u0004", 3_600)
                .text("etc/passwd", DebianFiles.passwd("ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n"))
                .text("etc/group", DebianFiles.group("ubuntu:x:1000:\n"))
                .dir("home/ubuntu", 0750, 1000, 1000)
                .add(FileEntry.file("home/ubuntu/.bashrc", 0644, DebianFiles.SKEL_BASHRC).owned(1000, 1000))
                .add(FileEntry.file("home/ubuntu/.profile", 0644, DebianFiles.SKEL_PROFILE).owned(1000, 1000))
                .text("var/lib/dpkg/status", DebianFiles.status(DebianFiles.NOBLE_PACKAGES))
                .libs(LIB, "libc.so.6:2125 libm.so.6:952 libmvec.so.1:1110 libresolv.so.2:68 libnss_files.so.2:15"
                        + " libnss_dns.so.2:15 libpthread.so.0:15 libdl.so.2:15 librt.so.1:15 libutil.so.1:15"
                        + " libanl.so.1:15 libstdc++.so.6.0.33:2590 libgcc_s.so.1:183 libsystemd.so.0.38.0:960"
                        + " libapt-pkg.so.6.0.0:2470 libapt-private.so.0.0.0:520 libdb-5.3.so:1820"
                        + " libgnutls.so.30.37.1:2290 libp11-kit.so.0.3.1:1400 libunistring.so.5.0.0:1900"
                        + " libzstd.so.1.5.5:840 liblzma.so.5.4.5:200 libgcrypt.so.20.4.3:1340 libgpg-error.so.0.34.0:160"
                        + " libhogweed.so.6.8:310 libnettle.so.8.8:320 libidn2.so.0.4.0:190 libtasn1.so.6.6.3:80"
                        + " libffi.so.8.1.4:40 libgmp.so.10.5.0:530 libcrypt.so.1.1.0:210 libselinux.so.1:180"
                        + " libpcre2-8.so.0.11.2:620 libtinfo.so.6.4:210 libblkid.so.1.1.0:340 libmount.so.1.1.0:390"
                        + " libsmartcols.so.1.1.0:210 libuuid.so.1.3.0:40 libacl.so.1.1.2302:40 libattr.so.1.1.2502:25"
                        + " libaudit.so.1.0.0:140 libcap.so.2.66:45 libcap-ng.so.0.0.0:30 libbz2.so.1.0.4:75"
                        + " libz.so.1.3:120 libxxhash.so.0.8.2:50 libsemanage.so.2:310 libsepol.so.2:780"
                        + " libmd.so.0.1.0:50 libseccomp.so.2.5.5:160 liblz4.so.1.9.4:140 libpam.so.0.85.1:70"
                        + " libpam_misc.so.0.82.1:15 libdebconfclient.so.0.0.0:15 libncursesw.so.6.4:420"
                        + " libsqlite3.so.0.8.6:1560 libkrb5.so.3.3:830 libk5crypto.so.3.1:210 libgssapi_krb5.so.2.2:350"
                        + " libssl.so.3:690 libcrypto.so.3:4600")
                .blob("usr/lib/locale/C.utf8/LC_CTYPE", 0644, "\u0000\u0003\u0009\u0020", 353_312)
                .blob("var/cache/debconf/templates.dat", 0644, "Name: debconf/frontend\n", 640_000)
                .blob("var/cache/debconf/templates.dat-old", 0644, "Name: debconf/frontend\n", 636_000);
        dpkgLists(t, DebianFiles.NOBLE_PACKAGES);
        return t.entries();
    }

    /** What the two distributions share: the layout, the programs, /etc and the C library's extras. */
    private static Tree common() {
        Tree t = new Tree()
                .symlink("bin", "usr/bin").symlink("sbin", "usr/sbin")
                .symlink("lib", "usr/lib").symlink("lib64", "usr/lib64")
                .dirs("boot", "dev", "home", "media", "mnt", "opt", "proc", "srv", "sys", "usr/games",
                        "usr/include", "usr/local/bin", "usr/local/etc", "usr/local/games", "usr/local/include",
                        "usr/local/lib", "usr/local/man", "usr/local/sbin", "usr/local/share", "usr/local/src",
                        "usr/src", "var/backups", "var/cache/apt/archives/partial", "var/lib/apt/lists/partial",
                        "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/misc", "var/local", "var/log/apt",
                        "var/opt", "var/spool", "var/lib/dpkg/alternatives", "etc/alternatives", "etc/apt/apt.conf.d",
                        "etc/apt/preferences.d", "etc/apt/trusted.gpg.d", "etc/ld.so.conf.d", "etc/profile.d",
                        "etc/skel", "etc/update-motd.d")
                .dir("root", 0700).dir("tmp", 01777).dir("var/tmp", 01777).dir("run", 0755).dir("run/lock", 01777)
                .dir("var/mail", 02775, 0, 8).dir("var/local", 02775, 0, 50)
                .symlink("var/run", "/run").symlink("var/lock", "/run/lock")
                .symlink("usr/lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
                .blob(LIB + "/ld-linux-x86-64.so.2", 0755, "\u007fELF\u0002\u0001\u0001", 210_968)
                .bin("usr/bin/bash", "bash", 1_265_648)
                .bin("usr/bin/dash", "sh", 125_560)
                .symlink("usr/bin/sh", "dash")
                .symlink("usr/bin/rbash", "bash")
                .symlink("usr/bin/awk", "/etc/alternatives/awk")
                .symlink("etc/alternatives/awk", "/usr/bin/mawk")
                .symlink("etc/os-release", "../usr/lib/os-release");
        for (String applet : SmallImages.APPLETS) {
            if (!NOT_IN_BASE.contains(applet)) {
                long size = DebianSpecs.SIZES.getOrDefault(applet, 60) * 1000L + applet.length() * 97L;
                t.bin("usr/bin/" + applet, applet, size);
            }
        }
        t.bins("usr/bin", DebianSpecs.MORE_COREUTILS).bins("usr/bin", DebianSpecs.PROGRAMS)
                .bins("usr/bin", DebianSpecs.UTIL_LINUX).bins("usr/sbin", DebianSpecs.SBIN)
                .blobs(LIB + "/perl-base", "package ", DebianSpecs.PERL)
                .blobs("usr/share/perl5/Debconf", "package Debconf", DebianSpecs.DEBCONF)
                .libs(LIB + "/gconv", DebianSpecs.gconv())
                .libs(LIB + "/security", DebianSpecs.pam())
                .blobs("usr/share/common-licenses", "License text, as shipped by base-files.\n", DebianSpecs.LICENSES)
                .blobs("usr/share/terminfo", "\u001a\u0001", DebianSpecs.TERMINFO)
                .libs("usr/lib/apt/methods", "http:95 gpgv:60 copy:30 file:30 store:40")
                .blob(LIB + "/gconv/gconv-modules.cache", 0644, "\u0020\u0016\u0002\u0000\u0001", 26_948)
                .text("etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n")
                .text("etc/ld.so.conf.d/x86_64-linux-gnu.conf", "# Multiarch support\n/usr/local/lib/x86_64-linux-gnu\n"
                        + "/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n")
                .blob("etc/ld.so.cache", 0644, "glibc-ld.so.cache1.1", 9_500)
                .add(FileEntry.file("etc/shadow", 0640, DebianFiles.SHADOW).owned(0, 42))
                .add(FileEntry.file("etc/gshadow", 0640, "root:*::\nshadow:*::\n").owned(0, 42))
                .text("etc/shells", "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n"
                        + "/bin/rbash\n/usr/bin/rbash\n/bin/dash\n/usr/bin/dash\n")
                .text("etc/profile", DebianFiles.PROFILE)
                .text("etc/bash.bashrc", DebianFiles.BASHRC)
                .text("etc/skel/.bashrc", DebianFiles.SKEL_BASHRC)
                .text("etc/skel/.profile", DebianFiles.SKEL_PROFILE)
                .text("root/.bashrc", DebianFiles.SKEL_BASHRC)
                .text("root/.profile", DebianFiles.SKEL_PROFILE)
                .text("etc/host.conf", "multi on\n")
                .text("etc/nsswitch.conf", DebianFiles.NSSWITCH)
                .text("etc/environment", "")
                .text("etc/login.defs", DebianFiles.LOGIN_DEFS)
                .text("etc/issue", "\\n \\l\n\n")
                .text("etc/apt/apt.conf.d/docker-clean", "# glassbox: the image keeps no .deb files after apt-get\n"
                        + "DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb || true\"; };\n");
        return t;
    }

    /** {@code /var/lib/dpkg/info/PKG.list}: the files each package installed, one path a line. */
    private static void dpkgLists(Tree t, String packages) {
        for (String p : packages.trim().split("\\s+")) {
            String name = p.substring(0, p.indexOf('='));
            long size = 4_000 + Math.floorMod(name.hashCode(), 40_000);
            t.blob("var/lib/dpkg/info/" + name + ".list", 0644, "/.\n/usr\n", size);
        }
    }

    private static String sources(String uri, String suites, String securityUri, String securitySuite,
            String components, String keyring) {
        String stanza = "Types: deb\nURIs: %s\nSuites: %s\nComponents: %s\nSigned-By: /usr/share/keyrings/%s\n";
        return String.format(stanza, uri, suites, components, keyring) + "\n"
                + String.format(stanza, securityUri, securitySuite, components, keyring);
    }
}
