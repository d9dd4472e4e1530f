package dev.glassbox.sim.programs.busybox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.sim.SimBox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppletsTest {
    private final SimBox w = new SimBox();

    @AfterEach
    void noCrashes() {
        w.close();
        assertEquals(List.of(), w.crashes());
    }

    @Test
    void lsLongFormatIsBusyboxs() {
        w.file("/srv/www/index.html", "hello\n");
        w.symlink("/dev/stdout", "/srv/www/access.log");
        w.mkdirs("/srv/www/sub");
        SimBox.Result r = w.applet("ls", "-l", "/srv/www");
        assertEquals("total 8\n"
                + "lrwxrwxrwx    1 root     root            11 Jan  1 00:00 access.log -> /dev/stdout\n"
                + "-rw-r--r--    1 root     root             6 Jan  1 00:00 index.html\n"
                + "drwxr-xr-x    2 root     root          4096 Jan  1 00:00 sub\n", r.out());
        assertEquals("access.log\nindex.html\nsub\n", w.applet("ls", "/srv/www").out());
        assertEquals(".\n..\naccess.log\nindex.html\nsub\n", w.applet("ls", "-a", "/srv/www").out());
        assertEquals("drwxr-xr-x    3 root     root          4096 Jan  1 00:00 /srv/www\n",
                w.applet("ls", "-ld", "/srv/www").out());
        w.mkdirs("/srv/www/other");
        assertEquals("drwxr-xr-x    4 root     root          4096 Jan  1 00:00 /srv/www\n",
                w.applet("ls", "-ld", "/srv/www").out(), "a directory a layer brings counts in its parent's links");
    }

    @Test
    void lsShowsNumericIdsWithoutAPasswdEntry() {
        w.file("/data/f", "x");
        w.chown("/data/f", 999, 0);
        assertTrue(w.applet("ls", "-l", "/data/f").out().contains(" 999      root "));
    }

    @Test
    void errorsUseBusyboxWordingAndStatus() {
        SimBox.Result r = w.applet("ls", "/nope");
        assertEquals("ls: /nope: No such file or directory\n", r.err());
        assertEquals(1, r.status());
        r = w.applet("cat", "x");
        assertEquals("cat: can't open 'x': No such file or directory\n", r.err());
        assertEquals(1, r.status());
        w.symlink("/bin/busybox", "/bin/nosuch");
        r = w.applet("nosuch");
        assertEquals("nosuch: applet not found\n", r.err());
        assertEquals(127, r.status());
        assertEquals("mkdir: can't create directory '/tmp': File exists\n", w.applet("mkdir", "/tmp").err());
        assertEquals("rm: can't remove '/nope': No such file or directory\n", w.applet("rm", "/nope").err());
    }

    @Test
    void psListsProcessesFromProc() {
        SimBox.Result r = w.sh("ps; true"); // not last: the shell forks ps and waits (sh -c 'ps' would be ps itself)
        String[] lines = r.out().split("\n");
        assertEquals("PID   USER     TIME  COMMAND", lines[0]);
        assertEquals("    1 root      0:00 sh -c ps; true", lines[1]);
        assertTrue(lines[2].matches("\\s+\\d+ root\\s+\\d+:\\d\\d ps"), lines[2]);
        assertEquals(3, lines.length);
    }

    @Test
    void ipAddrAndRouteComeFromNetlink() {
        assertEquals("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n"
                + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                + "    inet 127.0.0.1/8 scope host lo\n"
                + "       valid_lft forever preferred_lft forever\n"
                + "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n"
                + "    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff\n"
                + "    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n"
                + "       valid_lft forever preferred_lft forever\n", w.applet("ip", "addr").out());
        assertEquals("default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 \n",
                w.applet("ip", "route").out());
        assertEquals("Kernel IP routing table\n"
                + "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                + "0.0.0.0         172.17.0.1      0.0.0.0         UG    0      0        0 eth0\n"
                + "172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n",
                w.applet("route", "-n").out());
        String ifconfig = w.applet("ifconfig").out();
        assertTrue(ifconfig.startsWith("eth0      Link encap:Ethernet  HWaddr 02:42:AC:11:00:02  \n"
                + "          inet addr:172.17.0.2  Bcast:172.17.255.255  Mask:255.255.0.0\n"), ifconfig);
    }

    @Test
    void identityAndHost() {
        assertEquals("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n", w.applet("id").out());
        assertEquals("root\n", w.applet("whoami").out());
        assertEquals("c0ffee123456\n", w.applet("hostname").out());
        assertEquals("172.17.0.2\n", w.applet("hostname", "-i").out());
        assertEquals("Linux c0ffee123456 6.1.0-glassbox-sim #1 SMP PREEMPT_DYNAMIC Debian 6.1.0 x86_64 GNU/Linux\n", w.applet("uname", "-a").out());
        assertEquals("6.1.0-glassbox-sim\n", w.applet("uname", "-r").out());
        assertEquals("Mon Jan  1 00:00:00 UTC 2024\n", w.applet("date").out());
        assertEquals("2024-01-01\n", w.applet("date", "+%F").out());
    }

    @Test
    void textFilters() {
        w.file("/tmp/t", "banana\napple\ncherry\napple\n");
        assertEquals("4 /tmp/t\n", w.applet("wc", "-l", "/tmp/t").out());
        assertEquals("        4         4        26 /tmp/t\n", w.applet("wc", "/tmp/t").out());
        assertEquals("apple\napple\nbanana\ncherry\n", w.applet("sort", "/tmp/t").out());
        assertEquals("cherry\nbanana\napple\n", w.applet("sort", "-ru", "/tmp/t").out());
        assertEquals("2:apple\n4:apple\n", w.applet("grep", "-n", "app", "/tmp/t").out());
        assertEquals("2\n", w.applet("grep", "-c", "APP", "-i", "/tmp/t").out());
        assertEquals(1, w.applet("grep", "-q", "kiwi", "/tmp/t").status());
        assertEquals("banana\napple\n", w.applet("head", "-n", "2", "/tmp/t").out());
        assertEquals("apple\n", w.applet("tail", "-1", "/tmp/t").out());
        assertEquals("      2 apple\n", w.sh("sort /tmp/t | uniq -c | grep apple").out());
        assertEquals("b\n", w.sh("echo a:b:c | cut -d: -f2").out());
        assertEquals("HELLO\n", w.sh("echo hello | tr a-z A-Z").out());
        assertEquals("1\n2\n3\n", w.applet("seq", "3").out());
        assertEquals("00000000  68 69 0a                                          |hi.|\n00000003\n",
                w.sh("echo hi | hexdump -C").out());
        assertEquals("x y\n", w.sh("printf 'x\\ny\\n' | xargs echo").out());
    }

    @Test
    void filesAreCreatedMovedAndRemoved() {
        SimBox.Result made = w.sh("mkdir -p /a/b/c && touch /a/b/c/f && cp -r /a /copy && mv /copy/b /moved && "
                + "ln -s /moved/c/f /link && chmod 600 /a/b/c/f && rm -r /a");
        assertEquals(0, made.status(), made.err());
        assertTrue(w.exists("/moved/c/f"));
        assertFalse(w.exists("/a"));
        assertEquals("/moved/c/f\n", w.applet("readlink", "/link").out());
        assertEquals("/moved/c\n/moved/c/f\n", w.applet("find", "/moved", "-name", "*", "-path", "/moved/*").out());
        assertEquals("/moved/c/f\n", w.applet("find", "/moved", "-type", "f").out());
        assertEquals("f\n", w.applet("basename", "/moved/c/f").out());
        assertEquals("/moved/c\n", w.applet("dirname", "/moved/c/f").out());
        assertEquals("/bin/ls\n", w.applet("which", "ls").out());
    }

    @Test
    void memoryAndMountsComeFromProc() {
        w.procFile("/proc/meminfo", "MemTotal:        2048000 kB\nMemFree:         1024000 kB\nMemAvailable:    1500000 kB\n"
                + "Buffers:           10000 kB\nCached:           90000 kB\nShmem:              100 kB\n"
                + "SwapTotal:              0 kB\nSwapFree:               0 kB\n");
        w.procFile("/proc/mounts", "overlay / overlay rw,relatime,lowerdir=/l 0 0\nproc /proc proc rw 0 0\n");
        assertEquals("              total        used        free      shared  buff/cache   available\n"
                + "Mem:        2048000      924000     1024000         100      100000     1500000\n"
                + "Swap:             0           0           0\n", w.applet("free").out());
        assertEquals("overlay on / type overlay (rw,relatime,lowerdir=/l)\nproc on /proc type proc (rw)\n",
                w.applet("mount").out());
    }

    @Test
    void killSignalsProcesses() {
        assertTrue(w.applet("kill", "-l").out().contains("15) TERM\n"));
        SimBox.Result r = w.applet("kill", "-9", "4242");
        assertEquals("kill: can't kill pid 4242: No such process\n", r.err());
        assertEquals(1, r.status());
        assertEquals("137\n", w.sh("sleep 100 & kill -9 $!; wait $!; echo $?").out());
    }

    @Test
    void envPrintsTheEnvironmentAndRunsCommands() {
        assertEquals("PATH=" + SimBox.PATH + "\nHOME=/root\n", w.applet("env").out());
        assertEquals("bar\n", w.applet("env", "FOO=bar", "printenv", "FOO").out());
    }
}
