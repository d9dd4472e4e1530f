package dev.glassbox.registry;

import dev.glassbox.image.FileEntry;
import java.util.List;
import java.util.Set;

/** The file trees of the busybox and alpine images: one multi-call binary and little else. */
final class SmallImages {
    /** The applets the teaching images offer, as busybox links them. */
    static final List<String> APPLETS = List.of("sh", "ash", "echo", "cat", "ls", "ps", "hostname", "env", "printenv",
            "pwd", "id", "whoami", "uname", "true", "false", "sleep", "mkdir", "rmdir", "rm", "touch", "cp", "mv", "ln",
            "head", "tail", "wc", "grep", "sort", "uniq", "date", "kill", "ip", "ifconfig", "wget", "nc", "mount", "df",
            "free", "top", "chmod", "chown", "readlink", "basename", "dirname", "seq", "yes", "test", "[", "printf", "tee",
            "stat", "find", "du", "which", "xargs", "cut", "tr", "hexdump", "nslookup", "route", "netstat", "ping", "tty", "stty");

    /** Where alpine's busybox package puts each applet's symlink (the rest go to /usr/bin). */
    private static final Set<String> ALPINE_BIN = Set.of("sh", "ash", "echo", "cat", "ls", "ps", "hostname", "pwd", "uname",
            "true", "false", "sleep", "mkdir", "rmdir", "rm", "touch", "cp", "mv", "ln", "grep", "date", "kill", "mount",
            "df", "chmod", "chown", "stat", "netstat", "ping", "stty");
    private static final Set<String> ALPINE_SBIN = Set.of("ip", "ifconfig", "route");

    private SmallImages() {}

    static List<FileEntry> busybox() {
        Tree t = new Tree().bin("bin/busybox", "busybox", 1_131_248);
        for (String applet : APPLETS) {
            t.hardlink("bin/" + applet, "bin/busybox");
        }
        t.dirs("dev", "home", "proc", "sys", "usr/sbin", "var/spool/mail", "var/www")
                .dir("root", 0700)
                .dir("tmp", 01777)
                .text("etc/passwd", BusyboxAccounts.PASSWD)
                .text("etc/group", BusyboxAccounts.GROUP)
                .text("etc/shadow", 0600, "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"
                        + "nobody:*:19000:0:99999:7:::\n")
                .text("etc/nsswitch.conf", "hosts:\t\tfiles dns\nnetworks:\tfiles\n")
                // busybox:glibc carries the C library pieces its static binary still loads for name lookups.
                .libs("lib", "libc.so.6:1922 ld-linux-x86-64.so.2:210 libm.so.6:907 libresolv.so.2:68"
                        + " libnss_files.so.2:15 libnss_dns.so.2:15 libnss_compat.so.2:44 libpthread.so.0:16")
                .symlink("lib64", "lib");
        return t.entries();
    }

    static List<FileEntry> alpine() {
        Tree t = new Tree().bin("bin/busybox", "busybox", 808_712);
        for (String applet : APPLETS) {
            String dir = ALPINE_BIN.contains(applet) ? "bin" : ALPINE_SBIN.contains(applet) ? "sbin" : "usr/bin";
            t.symlink(dir + "/" + applet, "/bin/busybox");
        }
        t.blob("lib/ld-musl-x86_64.so.1", 0755, "\u007fELF\u0002\u0001\u0001", 644_016)
                .symlink("lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1")
                .libs("lib", "libcrypto.so.3:4709 libssl.so.3:643 libz.so.1.3.1:100 libapk.so.2.14.0:230")
                .libs("usr/lib/engines-3", "afalg.so:20 capi.so:16 loader_attic.so:58 padlock.so:37")
                .libs("usr/lib/ossl-modules", "legacy.so:160")
                .bin("sbin/apk", "apk", 70_480)
                .script("sbin/ldconfig", "#!/bin/sh\n# musl has no ld.so.cache: nothing to do\n")
                .bins("usr/bin", "scanelf:80 ssl_client:14 getconf:36 getent:48 iconv:24")
                .symlink("usr/bin/ldd", "/lib/ld-musl-x86_64.so.1")
                .text("etc/alpine-release", "3.20.3\n")
                .text("etc/os-release", """
                        NAME="Alpine Linux"
                        ID=alpine
                        VERSION_ID=3.20.3
                        PRETTY_NAME="Alpine Linux v3.20"
                        HOME_URL="https://alpinelinux.org/"
                        BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
                        """)
                .text("etc/apk/repositories", """
                        https://dl-cdn.alpinelinux.org/alpine/v3.20/main
                        https://dl-cdn.alpinelinux.org/alpine/v3.20/community
                        """)
                .text("etc/apk/world", "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\n"
                        + "ca-certificates-bundle\nlibc-utils\n")
                .text("etc/apk/arch", "x86_64\n")
                .dirs("etc/apk/keys", "etc/apk/protected_paths.d")
                .text("lib/apk/db/installed", installed())
                .blob("etc/ssl/certs/ca-certificates.crt", 0644, "-----BEGIN CERTIFICATE-----\n", 222_814)
                .symlink("etc/ssl/cert.pem", "certs/ca-certificates.crt")
                .text("etc/passwd", """
                        root:x:0:0:root:/root:/bin/sh
                        bin:x:1:1:bin:/bin:/sbin/nologin
                        daemon:x:2:2:daemon:/sbin:/sbin/nologin
                        lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
                        sync:x:5:0:sync:/sbin:/bin/sync
                        mail:x:8:12:mail:/var/mail:/sbin/nologin
                        cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
                        ftp:x:21:21::/var/lib/ftp:/sbin/nologin
                        sshd:x:22:22:sshd:/dev/null:/sbin/nologin
                        games:x:35:35:games:/usr/games:/sbin/nologin
                        ntp:x:123:123:NTP:/var/empty:/sbin/nologin
                        guest:x:405:100:guest:/dev/null:/sbin/nologin
                        nobody:x:65534:65534:nobody:/:/sbin/nologin
                        """)
                .text("etc/group", """
                        root:x:0:root
                        bin:x:1:root,bin,daemon
                        daemon:x:2:root,bin,daemon
                        sys:x:3:root,bin
                        adm:x:4:root,daemon
                        tty:x:5:
                        disk:x:6:root
                        lp:x:7:lp
                        kmem:x:9:
                        wheel:x:10:root
                        mail:x:12:mail
                        cron:x:16:cron
                        audio:x:18:
                        video:x:27:root
                        shadow:x:42:
                        www-data:x:82:
                        users:x:100:games
                        nogroup:x:65533:
                        nobody:x:65534:
                        """)
                .add(FileEntry.file("etc/shadow", 0640,
                        "root:*::0:::::\nbin:!::0:::::\ndaemon:!::0:::::\nnobody:!::0:::::\n")
                        .owned(0, 42))
                .text("etc/shells", "# valid login shells\n/bin/sh\n/bin/ash\n")
                .text("etc/profile", """
                        export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                        export PAGER=less
                        umask 022
                        """)
                .text("etc/motd", "Welcome to Alpine!\n\nThe package manager is apk: try `apk add curl`.\n")
                .dirs("dev", "home", "media/cdrom", "media/usb", "mnt", "opt", "proc", "run", "srv", "sys",
                        "usr/local/bin", "usr/local/lib", "usr/local/share", "usr/share", "usr/sbin",
                        "var/cache/apk", "var/empty", "var/lib/misc", "var/local", "var/log", "var/mail", "var/opt",
                        "var/spool/cron")
                .symlink("var/run", "../run")
                .symlink("var/spool/mail", "../mail")
                .dir("root", 0700)
                .dir("tmp", 01777)
                .dir("var/tmp", 01777);
        return t.entries();
    }

    /**
     * A short apk database: name, version and installed size per paragraph, as {@code apk info} reads
     * it and {@code apk add} sums for its "OK: 8 MiB in 14 packages".
     */
    private static String installed() {
        String[][] pkgs = {{"alpine-baselayout", "3.6.5-r0", "8192"}, {"alpine-baselayout-data", "3.6.5-r0", "16384"},
            {"alpine-keys", "2.4-r1", "159744"}, {"apk-tools", "2.14.4-r1", "311296"}, {"busybox", "1.36.1-r29", "946176"},
            {"busybox-binsh", "1.36.1-r29", "4096"}, {"ca-certificates-bundle", "20240705-r0", "233472"},
            {"libcrypto3", "3.3.2-r0", "4812800"}, {"libssl3", "3.3.2-r0", "659456"}, {"musl", "1.2.5-r0", "659456"},
            {"musl-utils", "1.2.5-r0", "143360"}, {"scanelf", "1.3.7-r2", "86016"}, {"ssl_client", "1.36.1-r29", "16384"},
            {"zlib", "1.3.1-r1", "102400"}};
        StringBuilder b = new StringBuilder();
        for (String[] p : pkgs) {
            b.append("P:").append(p[0]).append("\nV:").append(p[1]).append("\nA:x86_64\nI:").append(p[2]).append("\n\n");
        }
        return b.toString();
    }

    /** hello-world: nothing but the static {@code /hello} (10 kB, as built for amd64). */
    static List<FileEntry> hello() {
        return new Tree().bin("hello", "hello", 10_072).entries();
    }

    /** progrium/stress: the load generator on top of the busybox layer. */
    static List<FileEntry> stress() {
        return new Tree().bin("usr/bin/stress", "stress", 45_312).entries();
    }
}
