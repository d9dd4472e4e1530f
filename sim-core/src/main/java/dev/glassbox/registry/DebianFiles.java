package dev.glassbox.registry;

/** The text files of the Debian-family images, and the package database that lists their packages. */
final class DebianFiles {
    static final String BOOKWORM_PACKAGES = "adduser=3.134 apt=2.6.1 base-files=12.4+deb12u8 base-passwd=3.6.1"
            + " bash=5.2.15-2+b7 bsdutils=1:2.38.1-5+deb12u2 coreutils=9.1-1 dash=0.5.12-2 debconf=1.5.82"
            + " debian-archive-keyring=2023.3+deb12u1 debianutils=5.7-0.5~deb12u1 diffutils=1:3.8-4 dpkg=1.21.22"
            + " findutils=4.9.0-4 gcc-12-base=12.2.0-14 gpgv=2.2.40-1.1 grep=3.8-5 gzip=1.12-1 hostname=3.23+nmu1"
            + " init-system-helpers=1.65.2 libc-bin=2.36-9+deb12u9 libc6=2.36-9+deb12u9 libstdc++6=12.2.0-14"
            + " libsystemd0=252.31-1~deb12u1 login=1:4.13+dfsg1-1+b1 mawk=1.3.4.20200120-3.1"
            + " mount=2.38.1-5+deb12u2 ncurses-base=6.4-4 ncurses-bin=6.4-4 passwd=1:4.13+dfsg1-1+b1"
            + " perl-base=5.36.0-7+deb12u1 sed=4.9-1 sysvinit-utils=3.06-4 tar=1.34+dfsg-1.2+deb12u1"
            + " util-linux=2.38.1-5+deb12u2 zlib1g=1:1.2.13.dfsg-1";

    static final String NOBLE_PACKAGES = "apt=2.7.14build2 base-files=13ubuntu10.1 base-passwd=3.6.3build1"
            + " bash=5.2.21-2ubuntu4 bsdutils=1:2.39.3-9ubuntu6.1 coreutils=9.4-3ubuntu6 dash=0.5.12-6ubuntu5"
            + " debconf=1.5.86ubuntu1 debianutils=5.17build1 diffutils=1:3.10-1build1 dpkg=1.22.6ubuntu6.1"
            + " findutils=4.9.0-5build1 gcc-14-base=14-20240412-0ubuntu1 gpgv=2.4.4-2ubuntu17 grep=3.11-4build1"
            + " gzip=1.12-1ubuntu3 hostname=3.23+nmu2ubuntu2 init-system-helpers=1.66ubuntu1"
            + " libc-bin=2.39-0ubuntu8.3 libc6=2.39-0ubuntu8.3 libstdc++6=14-20240412-0ubuntu1"
            + " libsystemd0=255.4-1ubuntu8.4 login=1:4.13+dfsg1-4ubuntu3.2 mawk=1.3.4.20240123-1build1"
            + " mount=2.39.3-9ubuntu6.1 ncurses-base=6.4+20240113-1ubuntu2 ncurses-bin=6.4+20240113-1ubuntu2"
            + " passwd=1:4.13+dfsg1-4ubuntu3.2 perl-base=5.38.2-3.2build2 sed=4.9-2build1"
            + " sysvinit-utils=3.08-6ubuntu3 tar=1.35+dfsg-3build1 ubuntu-keyring=2023.11.28.1"
            + " util-linux=2.39.3-9ubuntu6.1 zlib1g=1:1.3.dfsg-3.1ubuntu2.1";

    static final String SHADOW = """
            root:*:19000:0:99999:7:::
            daemon:*:19000:0:99999:7:::
            bin:*:19000:0:99999:7:::
            sys:*:19000:0:99999:7:::
            nobody:*:19000:0:99999:7:::
            """;

    static final String PROFILE = """
            # Read by login shells. Interactive bash shells also read /etc/bash.bashrc.
            if [ "$(id -u)" -eq 0 ]; then
              PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
            else
              PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
            fi
            export PATH

            if [ "${PS1-}" ]; then
              if [ "${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then
                if [ -f /etc/bash.bashrc ]; then
                  . /etc/bash.bashrc
                fi
              else
                if [ "$(id -u)" -eq 0 ]; then PS1='# '; else PS1='$ '; fi
              fi
            fi
            """;

    static final String BASHRC = """
            # System-wide settings for interactive bash shells.
            [ -z "$PS1" ] && return

            # Keep LINES and COLUMNS right after a window resize.
            shopt -s checkwinsize

            PS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
            """;

    static final String SKEL_BASHRC = """
            # ~/.bashrc: read by interactive non-login bash shells.
            case $- in
                *i*) ;;
                  *) return;;
            esac

            HISTCONTROL=ignoreboth
            HISTSIZE=1000
            alias ls='ls --color=auto'
            alias ll='ls -alF'
            """;

    static final String SKEL_PROFILE = """
            # ~/.profile: read by login shells.
            if [ -n "$BASH_VERSION" ] && [ -f "$HOME/.bashrc" ]; then
                . "$HOME/.bashrc"
            fi
            if [ -d "$HOME/bin" ]; then
                PATH="$HOME/bin:$PATH"
            fi
            """;

    static final String NSSWITCH = """
            passwd:         files
            group:          files
            shadow:         files
            gshadow:        files

            hosts:          files dns
            networks:       files

            protocols:      db files
            services:       db files
            ethers:         db files
            rpc:            db files
            """;

    static final String LOGIN_DEFS = """
            # Settings for login, su, useradd and passwd (shadow suite).
            MAIL_DIR        /var/mail
            ENV_SUPATH      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            ENV_PATH        PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games
            UMASK           022
            PASS_MAX_DAYS   99999
            PASS_MIN_DAYS   0
            PASS_WARN_AGE   7
            UID_MIN         1000
            UID_MAX         60000
            SYS_UID_MIN     100
            SYS_UID_MAX     999
            GID_MIN         1000
            GID_MAX         60000
            ENCRYPT_METHOD  SHA512
            """;

    private DebianFiles() {}

    /** base-passwd's users, then {@code extra} lines (the users a later layer adds). */
    static String passwd(String extra) {
        return """
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                bin:x:2:2:bin:/bin:/usr/sbin/nologin
                sys:x:3:3:sys:/dev:/usr/sbin/nologin
                sync:x:4:65534:sync:/bin:/bin/sync
                games:x:5:60:games:/usr/games:/usr/sbin/nologin
                man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
                lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
                mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
                news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
                uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
                proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
                www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
                backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
                list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
                irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
                _apt:x:42:65534::/nonexistent:/usr/sbin/nologin
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """ + extra;
    }

    static String group(String extra) {
        StringBuilder b = new StringBuilder();
        String groups = "root:0 daemon:1 bin:2 sys:3 adm:4 tty:5 disk:6 lp:7 mail:8 news:9 uucp:10 man:12 proxy:13"
                + " kmem:15 dialout:20 fax:21 voice:22 cdrom:24 floppy:25 tape:26 sudo:27 audio:29 dip:30 www-data:33"
                + " backup:34 operator:37 list:38 irc:39 src:40 shadow:42 utmp:43 video:44 sasl:45 plugdev:46"
                + " staff:50 games:60 users:100 nogroup:65534";
        for (String g : groups.split(" ")) {
            String[] nameGid = g.split(":");
            b.append(nameGid[0]).append(":x:").append(nameGid[1]).append(":\n");
        }
        return b + extra;
    }

    /** {@code /var/lib/dpkg/status} for {@code "name=version ..."}, one paragraph a package. */
    static String status(String packages) {
        StringBuilder b = new StringBuilder();
        for (String p : packages.trim().split("\\s+")) {
            int eq = p.indexOf('=');
            b.append("Package: ").append(p, 0, eq)
                    .append("\nStatus: install ok installed\nArchitecture: amd64\nVersion: ")
                    .append(p.substring(eq + 1)).append("\n\n");
        }
        return b.toString();
    }
}
