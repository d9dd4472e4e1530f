package dev.glassbox.linux.image;

import dev.glassbox.registry.BusyboxAccounts;
import dev.glassbox.image.FileEntry;
import dev.glassbox.linux.Cmd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The busybox image's one layer from the host's static busybox (Debian's busybox-static): the binary
 * at /bin/busybox, a symlink for each applet where {@code busybox --list-full} puts it, and the
 * handful of files and directories the official busybox image has.
 */
final class BusyboxLayer {
    static final String BINARY = "bin/busybox";
    private static final Pattern VERSION = Pattern.compile("BusyBox v(\\d+(?:\\.\\d+)*)\\S* \\(([^)]*)\\)");

    /** What {@code busybox --help} says of itself: {@code 1.35.0} and {@code Debian 1:1.35.0-4+deb12u1+b1}. */
    record Version(String number, String build) {}

    private final Path host;

    BusyboxLayer(Path host) {
        this.host = host;
    }

    Path host() {
        return host;
    }

    Version version() {
        String first = Cmd.check(List.of(host.toString(), "--help")).stdout().lines().findFirst().orElse("");
        Matcher m = VERSION.matcher(first);
        if (!m.find()) {
            throw new IllegalStateException("glassbox: cannot read the busybox version from '" + first + "'");
        }
        return new Version(m.group(1), m.group(2));
    }

    /** The applets' paths, relative: {@code bin/sh}, {@code usr/bin/wget}, {@code linuxrc}. */
    List<String> applets() {
        List<String> out = new ArrayList<>();
        for (String line : Cmd.check(List.of(host.toString(), "--list-full")).stdout().split("\n")) {
            String p = line.strip();
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            if (!p.isEmpty() && !p.equals(BINARY)) {
                out.add(p);
            }
        }
        return out;
    }

    List<FileEntry> entries() {
        byte[] binary = HostTree.read(host);
        if (Elf.hasInterpreter(binary)) {
            throw new IllegalStateException("glassbox: " + host + " is dynamically linked and the busybox image holds"
                    + " no libraries; install the static one (apt-get install busybox-static)");
        }
        HostTree t = new HostTree().add(HostTree.sparse(BINARY, 0755, binary));
        for (String applet : applets()) {
            t.symlink(applet, "/" + BINARY);
        }
        t.dirs("dev", "etc", "home", "proc", "sys", "usr/sbin", "var/spool/mail", "var/www")
                .dir("root", 0700)
                .dir("tmp", 01777)
                .text("etc/passwd", BusyboxAccounts.PASSWD)
                .text("etc/group", BusyboxAccounts.GROUP);
        return t.entries();
    }

    /** The accounts of the official busybox image: root, the daemon users, www-data and nobody. */
}
