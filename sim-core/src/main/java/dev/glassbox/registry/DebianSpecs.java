package dev.glassbox.registry;

import java.util.Map;

/**
 * What the Debian-family base images hold, as {@code "name:kB"} lists: names from the real packages,
 * sizes close to the real files, so that image sizes and {@code ls -l} look right.
 */
final class DebianSpecs {
    /** Sizes in kB of the coreutils-style programs; the rest default to 60 kB. */
    static final Map<String, Integer> SIZES = Map.ofEntries(Map.entry("ls", 151), Map.entry("cp", 141),
            Map.entry("mv", 137), Map.entry("rm", 60), Map.entry("date", 108), Map.entry("df", 100), Map.entry("du", 105),
            Map.entry("sort", 117), Map.entry("find", 224), Map.entry("grep", 199), Map.entry("stat", 92),
            Map.entry("mount", 59), Map.entry("chmod", 60), Map.entry("chown", 72), Map.entry("hostname", 22),
            Map.entry("xargs", 68), Map.entry("mkdir", 80), Map.entry("tail", 72), Map.entry("head", 44),
            Map.entry("which", 5));

    static final String MORE_COREUTILS = "arch:36 b2sum:60 base32:40 base64:40 chcon:60 chgrp:60 cksum:100"
            + " comm:40 csplit:48 dd:72 dir:151 dircolors:44 expand:36 expr:48 factor:72 fmt:36 fold:36 groups:36"
            + " install:150 join:48 link:36 logname:36 md5sum:44 mkfifo:40 mknod:40 mktemp:40 nice:36 nl:40"
            + " nohup:36 nproc:36 numfmt:60 od:64 paste:36 pathchk:36 pr:68 ptx:68 realpath:40 runcon:36"
            + " sha1sum:44 sha256sum:44 sha512sum:48 shred:56 shuf:48 split:52 stdbuf:48 stty:76 sum:36 sync:36"
            + " tac:40 timeout:40 truncate:36 tsort:44 tty:36 unexpand:36 unlink:36 users:36 vdir:151 who:52";

    static final String PROGRAMS = "apt:19 apt-cache:84 apt-config:27 apt-get:52 apt-mark:60 dpkg:320"
            + " dpkg-deb:150 dpkg-divert:150 dpkg-query:160 dpkg-split:110 dpkg-trigger:95 perl:3929 tar:540"
            + " gzip:100 sed:120 mawk:135 diff:210 cmp:52 diff3:68 sdiff:60 login:60 su:72 passwd:70 chsh:50 chfn:60"
            + " newgrp:44 gpgv:290 tput:24 clear:15 tic:90 infocmp:64 getconf:34 iconv:64 locale:58 localedef:330"
            + " more:48 lsblk:150 findmnt:70 umount:38 mountpoint:20 runuser:60 script:60 setsid:15 nsenter:48"
            + " unshare:60 flock:24 chrt:24 taskset:24 ionice:20 renice:15 logger:50 whereis:30 getopt:22 rev:15";

    static final String SBIN = "useradd:150 groupadd:74 usermod:114 userdel:94 groupdel:70 chpasswd:60"
            + " pwck:60 grpck:60 chroot:44 ldconfig:990 start-stop-daemon:50 update-passwd:30 agetty:60 sulogin:50"
            + " nologin:15 blkid:120 fsck:60 losetup:90 pivot_root:15 switch_root:20 wipefs:40 mkswap:80";

    static final String PERL = "Carp.pm:30 Config.pm:4 Config_heavy.pl:60 Cwd.pm:18 Exporter.pm:19"
            + " Fcntl.pm:2 File/Spec/Unix.pm:15 Getopt/Long.pm:52 IO/Handle.pm:17 List/Util.pm:8 POSIX.pm:38"
            + " Scalar/Util.pm:3 Text/ParseWords.pm:7 constant.pm:7 overload.pm:9 re.pm:13 strict.pm:5 vars.pm:2"
            + " warnings.pm:50 utf8_heavy.pl:23 unicore/Heavy.pl:12 unicore/To/Upper.pl:40 unicore/To/Lower.pl:40"
            + " unicore/lib/Perl/Word.pl:12 unicore/UCD.pl:1430 auto/POSIX/POSIX.so:190 auto/List/Util/Util.so:60"
            + " auto/Fcntl/Fcntl.so:20 auto/IO/IO.so:20 auto/Cwd/Cwd.so:20 auto/re/re.so:400 auto/Socket/Socket.so:40"
            + " feature.pm:30 File/Temp.pm:80 File/Path.pm:40 File/Basename.pm:11 File/Glob.pm:3 IPC/Open3.pm:13"
            + " IPC/Open2.pm:4 Symbol.pm:5 Socket.pm:30 Errno.pm:5 Tie/Hash.pm:6 SelectSaver.pm:1 Text/Tabs.pm:3"
            + " Text/Wrap.pm:4 Time/Local.pm:8 unicore/Decomposition.pl:90 unicore/CombiningClass.pl:30"
            + " unicore/Name.pm:25 auto/File/Glob/Glob.so:40 auto/Data/Dumper/Dumper.so:60 Data/Dumper.pm:45"
            + " auto/Hash/Util/Util.so:30 auto/Digest/MD5/MD5.so:35 Digest/MD5.pm:10 auto/mro/mro.so:20"
            + " auto/attributes/attributes.so:20 auto/PerlIO/scalar/scalar.so:20 auto/B/B.so:100 B.pm:25";

    static final String GCONV = "BIG5.so:100 BIG5HKSCS.so:190 CP932.so:100 EUC-JP.so:20 EUC-KR.so:18"
            + " EUC-TW.so:22 GB18030.so:180 GBK.so:110 IBM1364.so:270 IBM1371.so:270 IBM933.so:170 IBM935.so:170"
            + " IBM937.so:220 IBM939.so:220 ISO-2022-JP.so:30 JOHAB.so:22 SJIS.so:100 UHC.so:70 UTF-16.so:18"
            + " UTF-32.so:18 UTF-7.so:22 libCNS.so:470 libGB.so:70 libISOIR165.so:70 libJIS.so:110 libJISX0213.so:130"
            + " libKSC.so:50";

    static final String UTIL_LINUX = "chmem:40 choom:20 col:30 colcrt:15 colrm:15 column:60 dmesg:80 fallocate:30"
            + " fincore:40 hardlink:40 ipcmk:20 ipcrm:20 ipcs:50 last:40 lscpu:110 lsipc:60 lslocks:50 lslogins:60"
            + " lsmem:50 lsns:60 mcookie:30 namei:30 prlimit:50 scriptlive:40 scriptreplay:40 setarch:25 setpriv:50"
            + " setterm:40 utmpdump:20 wdctl:40 look:20 lsfd:140 ul:20";

    static final String DEBCONF = "AutoSelect.pm:3 Base.pm:2 ChoiceTemplate.pm:1 Config.pm:22 ConfModule.pm:15"
            + " Db.pm:4 DbDriver.pm:9 DbDriver/File.pm:6 DbDriver/Stack.pm:7 Element.pm:2 Encoding.pm:2"
            + " FrontEnd.pm:6 FrontEnd/Dialog.pm:11 FrontEnd/Noninteractive.pm:2 FrontEnd/Readline.pm:5"
            + " FrontEnd/Teletype.pm:3 Gettext.pm:1 Log.pm:2 Question.pm:7 Template.pm:17 TmpFile.pm:1";

    static final String LICENSES = "Apache-2.0:11 Artistic:7 BSD:2 CC0-1.0:7 GFDL-1.2:21 GFDL-1.3:23 GPL-2:18"
            + " GPL-3:35 LGPL-2:25 LGPL-2.1:27 LGPL-3:8 MPL-1.1:26 MPL-2.0:17";

    static final String TERMINFO = "a/ansi:2 d/dumb:1 l/linux:2 r/rxvt:2 r/rxvt-unicode:3 s/screen:2"
            + " s/screen-256color:3 s/sun:1 t/tmux:3 t/tmux-256color:4 v/vt100:2 v/vt102:2 v/vt220:2 v/vt52:1"
            + " x/xterm:4 x/xterm-256color:4 x/xterm-color:2 x/xterm-mono:2 x/xterm-r6:2 x/xterm-vt220:2";

    private static final String ZONES = "Africa/Abidjan Africa/Accra Africa/Algiers Africa/Cairo Africa/Casablanca"
            + " Africa/Johannesburg Africa/Lagos Africa/Nairobi America/Anchorage America/Bogota"
            + " America/Buenos_Aires America/Caracas America/Chicago America/Denver America/Halifax America/Havana"
            + " America/Lima America/Los_Angeles America/Mexico_City America/New_York America/Phoenix"
            + " America/Santiago America/Sao_Paulo America/Toronto America/Vancouver Asia/Bangkok Asia/Dubai"
            + " Asia/Hong_Kong Asia/Jakarta Asia/Jerusalem Asia/Karachi Asia/Kathmandu Asia/Kolkata Asia/Manila"
            + " Asia/Seoul Asia/Shanghai Asia/Singapore Asia/Tehran Asia/Tokyo Australia/Adelaide Australia/Brisbane"
            + " Australia/Melbourne Australia/Perth Australia/Sydney Europe/Amsterdam Europe/Athens Europe/Berlin"
            + " Europe/Brussels Europe/Budapest Europe/Copenhagen Europe/Dublin Europe/Helsinki Europe/Istanbul"
            + " Europe/Kyiv Europe/Lisbon Europe/London Europe/Madrid Europe/Moscow Europe/Oslo Europe/Paris"
            + " Europe/Prague Europe/Rome Europe/Stockholm Europe/Vienna Europe/Warsaw Europe/Zurich Pacific/Auckland"
            + " Pacific/Fiji Pacific/Honolulu Etc/UTC Etc/GMT";

    private DebianSpecs() {}

    /** libc6's character set converters: the named big ones and the families of small code pages. */
    static String gconv() {
        StringBuilder b = new StringBuilder(GCONV);
        for (int i = 1; i <= 16; i++) {
            b.append(i == 12 ? "" : " ISO8859-" + i + ".so:22");
        }
        for (int i = 1250; i <= 1258; i++) {
            b.append(" CP").append(i).append(".so:22");
        }
        for (String cp : ("037 038 1004 1008 1025 1026 1046 1047 1097 1112 1122 1123 1124 1129 1130 1132 1133 1137"
                + " 1140 1141 1142 1143 1144 1145 1146 1147 1148 1149 1153 1154 1155 1156 1157 1158 1160 1161 1162"
                + " 1163 1164 1166 1167 256 273 274 275 277 278 280 281 284 285 290 297 420 423 424 437 500 803 850"
                + " 851 852 855 856 857 858 860 861 862 863 864 865 866 868 869 870 871 874 875 880 891 901 902"
                + " 903 904 905 912 918 921 922").split(" ")) {
            b.append(" IBM").append(cp).append(".so:26");
        }
        for (String big : "IBM930 IBM932 IBM943 IBM1390 IBM1399 EUC-JISX0213 SHIFT_JISX0213 ISO-2022-CN-EXT".split(" ")) {
            b.append(" ").append(big).append(".so:160");
        }
        return b.toString();
    }

    /** libpam-modules: one shared object per PAM module. */
    static String pam() {
        StringBuilder b = new StringBuilder("pam_unix.so:60 pam_namespace.so:40 pam_faillock.so:25");
        for (String m : ("access debug deny echo env exec faildelay filter ftp group issue keyinit lastlog limits"
                + " listfile localuser loginuid mail mkhomedir motd nologin permit pwhistory rhosts rootok"
                + " securetty selinux sepermit setquota shells stress succeed_if time timestamp tty_audit umask"
                + " userdb usertype warn wheel xauth").split(" ")) {
            b.append(" pam_").append(m).append(".so:18");
        }
        return b.toString();
    }

    /** tzdata: the zone files, and the "right" variants that count leap seconds. */
    static String zoneinfo() {
        StringBuilder b = new StringBuilder("tzdata.zi:108 zone.tab:19 zone1970.tab:17 iso3166.tab:5"
                + " leap-seconds.list:5 leapseconds:3");
        for (String z : ZONES.split(" ")) {
            b.append(" ").append(z).append(":2 right/").append(z).append(":3");
        }
        return b.toString();
    }
}
