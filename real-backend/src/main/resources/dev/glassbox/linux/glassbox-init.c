/*
 * glassbox-init: how the glassbox Linux kernel starts a container's processes. A JVM has many
 * threads and cannot unshare a mount namespace itself, so this small single-threaded helper does
 * runc's and the shim's work.
 *
 *   glassbox-init create DIR FLAGS [NS=PATH ...] [uidmap=MAP gidmap=MAP]
 *       joins the namespaces given (setns), clones a child into new namespaces (FLAGS: CLONE_NEW*),
 *       with CLONE_NEWUSER writes the child's /proc/PID/uid_map and gid_map (MAP: "0 100000 65536")
 *       while the child waits on a pipe, then lets it go on as root of its user namespace,
 *       writes its pid to DIR/pid, prints "ok PID" and then, like containerd's shim, waits for it in a
 *       session of its own and writes how it ended to DIR/exit ("exit N" or "signal N"). The child reads commands on stdin
 *       and answers each on stdout until it execs.
 *   glassbox-init exec DIR PID [CGROUP_PROCS ...]
 *       moves itself into the cgroups given, joins every namespace of PID, forks (so the PID
 *       namespace applies), prints "ok PID" and waits like above; the child takes one exec command.
 *   glassbox-init spare
 *       started ahead of need, so that a container's start does not wait for the daemon to spawn a
 *       process: waits for one line on stdin, the arguments of one of the modes above (fields as in
 *       the commands below), sends its stderr to DIR/helper.log and becomes that helper (argv[1]
 *       then reads "taken"); the conversation goes on on the same pipes. Ends quietly if stdin
 *       closes first.
 *
 * Commands, one a line, fields separated by tabs, '%' '\t' '\n' escaped as %25 %09 %0A:
 *   prepare ROOT | mount TYPE SOURCE TARGET FLAGS DATA RO | cgroupfs TARGET COUNT (NAME SOURCE)... LINKS (NAME DEST)... | pivot | hostname NAME | cgroup PROCS... | linkup NAME |
 *   exec CGROUPNS UID GID CWD ARGC ARGV... ENVC ENV... [STDIO ROWS COLS]
 * Answers: "ok", or "error CODE MESSAGE". exec answers "path PATH NSPID" and then either nothing
 * (the channel closes when execve succeeds) or "error CODE MESSAGE".
 * STDIO is "file" (the default: the process's stdin is DIR/stdin), "pipe" (stdin is a pipe the shim
 * writes what the daemon sends into) or "tty" (a pseudo-terminal of ROWS x COLS from the container's
 * own devpts, the slave its stdin, stdout, stderr and controlling terminal, as runc's console). Without
 * a tty, stdout and stderr are pipes to the shim, which copies them, framed and in order, to
 * DIR/output; with one, the shim holds the master, as containerd's shim holds runc's console, and
 * copies what the terminal shows as stream 1. The container never writes into a pipe to the daemon
 * and outlives it.
 * Once the process has exec'd, the shim reads the rest of the channel, from the daemon to the
 * process's stdin: "d LEN\n" and LEN bytes (typed or piped in), "c\n" (the writer closed its end: the
 * pipe is closed; a terminal gets its end-of-file character, as Ctrl-D), "r ROWS COLS\n" (TIOCSWINSZ).
 * The channel closing (the daemon gone) leaves stdin open.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#endif
#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_open_tree
#define SYS_open_tree 428
#endif
#ifndef SYS_move_mount
#define SYS_move_mount 429
#endif

#define MAX_LINE (1 << 20)
#define MAX_FIELDS 4096

static const char *dir;
static int dirfd_ = -1; /* DIR, opened before any setns: the exit file goes there whatever the mount namespace */
static char root[PATH_MAX];
static int io[3] = {-1, -1, -1};
static int host_mnt = -1; /* the host's mount namespace, where the daemon mounts the rootfs after the clone */
static int userns_sync[2] = {-1, -1}; /* with CLONE_NEWUSER: the child waits until its id maps are written */

static void say(const char *fmt, ...) {
    char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > (int) sizeof buf - 2) {
        n = sizeof buf - 2;
    }
    buf[n++] = '\n';
    for (int off = 0; off < n;) {
        ssize_t w = write(1, buf + off, n - off);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            _exit(1);
        }
        off += w;
    }
}

static char *lower(const char *s) {
    static char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *p = buf; *p; p++) {
        *p = tolower((unsigned char) *p);
    }
    return buf;
}

static int fail(const char *what) {
    say("error %d %s: %s", errno, what, lower(strerror(errno)));
    return -1;
}

/*
 * One command line, split into fields and unescaped in place; 0 at end of input. stdin is read a
 * buffer at a time, not a byte at a time (a mount command is a few hundred bytes): the daemon sends
 * the next command only after the answer to the last, so nothing read ahead belongs to anyone else.
 */
static int read_command(char **fields) {
    static char line[MAX_LINE];
    static char buf[16384];
    static size_t at, end;
    size_t len = 0;
    for (;;) {
        if (at == end) {
            ssize_t r = read(0, buf, sizeof buf);
            if (r < 0 && errno == EINTR) {
                continue;
            }
            if (r <= 0) {
                return 0;
            }
            at = 0;
            end = (size_t) r;
        }
        char c = buf[at++];
        if (c == '\n') {
            break;
        }
        if (len + 1 >= sizeof line) {
            return 0;
        }
        line[len++] = c;
    }
    line[len] = 0;
    int n = 0;
    char *p = line;
    while (n < MAX_FIELDS) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) {
            break;
        }
        *tab = 0;
        p = tab + 1;
    }
    for (int i = 0; i < n; i++) {
        char *in = fields[i], *out = fields[i];
        while (*in) {
            if (in[0] == '%' && isxdigit((unsigned char) in[1]) && isxdigit((unsigned char) in[2])) {
                char hex[3] = {in[1], in[2], 0};
                *out++ = (char) strtol(hex, NULL, 16);
                in += 3;
            } else {
                *out++ = *in++;
            }
        }
        *out = 0;
    }
    return n;
}

/*
 * stdin is DIR/stdin. stdout and stderr are pipes to the shim, as with containerd's shim: it copies
 * each chunk, in the order it reads them, to DIR/output, where every chunk is framed as
 * "STREAM LENGTH\n" then the bytes, so the daemon sees both streams interleaved as they were written.
 */
static int pipe_rd[3] = {-1, -1, -1};
static int output_fd = -1;
/* The process tells its shim, just before execve, how its stdin is set up ('f', 'p' or 't' with the pty's master, SCM_RIGHTS); the socket closes at the execve */
static int sync_sock[2] = {-1, -1};
/* An open stdin: the process reads [0]; the shim writes into [1] what the daemon sends */
static int in_pipe[2] = {-1, -1};

static int open_out(const char *name) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        say("error %d open %s: %s", errno, path, lower(strerror(errno)));
        exit(1);
    }
    return fd;
}

static void open_stdio(void) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/stdin", dir);
    io[0] = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0644); /* the daemon writes it before exec */
    if (io[0] < 0) {
        say("error %d open %s: %s", errno, path, lower(strerror(errno)));
        exit(1);
    }
    for (int i = 1; i < 3; i++) {
        int p[2];
        if (pipe2(p, O_CLOEXEC) < 0) {
            say("error %d pipe: %s", errno, lower(strerror(errno)));
            exit(1);
        }
        pipe_rd[i] = p[0];
        io[i] = p[1];
    }
    output_fd = open_out("output");
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sync_sock) < 0 || pipe2(in_pipe, O_CLOEXEC) < 0) {
        say("error %d socketpair: %s", errno, lower(strerror(errno)));
        exit(1);
    }
}

static void write_all(int fd, const char *buf, ssize_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return;
        }
        buf += w;
        n -= w;
    }
}

/* One read from fd, copied out framed as stream; 0 at end of stream (EIO: a pty's last slave closed). */
static int relay_once(int fd, int stream) {
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return 1;
    }
    if (n <= 0) {
        return 0;
    }
    char head[32];
    int h = snprintf(head, sizeof head, "%d %zd\n", stream, n);
    write_all(output_fd, head, h);
    write_all(output_fd, buf, n);
    return 1;
}

/* What the daemon sent for the process's stdin and the shim has not written yet. */
static struct {
    char *buf;
    size_t len, cap;
    int fd;          /* in_pipe[1] or the pty's master; -1 while unknown, after close or once it failed */
    int tty;
    int close_after; /* "c" on a pipe: close it once what came before is written */
} in = {NULL, 0, 0, -1, 0, 0};

#define MAX_PENDING (1 << 20)

static void in_append(const char *data, size_t n) {
    if (in.fd < 0 || in.close_after) {
        return; /* nobody reads: a process gone or an input closed ignores what is written */
    }
    if (in.len + n > in.cap) {
        size_t cap = in.cap ? in.cap : 4096;
        while (cap < in.len + n) {
            cap *= 2;
        }
        char *b = realloc(in.buf, cap);
        if (!b) {
            return;
        }
        in.buf = b;
        in.cap = cap;
    }
    memcpy(in.buf + in.len, data, n);
    in.len += n;
}

static void in_drop(void) {
    if (in.fd >= 0 && !in.tty) {
        close(in.fd); /* the master is the output too: it stays */
    }
    in.fd = -1;
    in.len = 0;
}

/* Writes what is pending without blocking: the shim never stalls its output on a process that does not read. */
static void in_flush(void) {
    while (in.fd >= 0 && in.len > 0) {
        ssize_t w = write(in.fd, in.buf, in.len);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w < 0 && errno == EAGAIN) {
            return;
        }
        if (w <= 0) {
            in_drop();
            return;
        }
        memmove(in.buf, in.buf + w, in.len - w);
        in.len -= w;
    }
    if (in.fd >= 0 && in.close_after) {
        in_drop();
    }
}

/* The channel's frames after execve (see the top of this file); returns how many bytes were used. */
static size_t control(char *buf, size_t len, int master) {
    size_t at = 0;
    while (at < len) {
        char *nl = memchr(buf + at, '\n', len - at);
        if (!nl) {
            break;
        }
        *nl = 0;
        char *line = buf + at;
        size_t next = (size_t) (nl - buf) + 1;
        if (line[0] == 'd' && line[1] == ' ') {
            size_t n = strtoul(line + 2, NULL, 10);
            if (next + n > len) {
                *nl = '\n';
                break; /* the bytes are still on their way */
            }
            in_append(buf + next, n);
            next += n;
        } else if (line[0] == 'c') {
            if (in.tty) {
                char eof = 4; /* VEOF, ^D: the line discipline hands over the line, or end of file at a line's start */
                in_append(&eof, 1);
            } else {
                in.close_after = in.fd >= 0;
            }
        } else if (line[0] == 'r' && line[1] == ' ' && master >= 0) {
            unsigned rows = 0, cols = 0;
            if (sscanf(line + 2, "%u %u", &rows, &cols) == 2) {
                struct winsize ws = {(unsigned short) rows, (unsigned short) cols, 0, 0};
                ioctl(master, TIOCSWINSZ, &ws); /* the kernel sends SIGWINCH to the terminal's foreground group */
            }
        }
        at = next;
    }
    return at;
}

/* The process's message on the sync socket, just before its execve: its stdin's kind, and a pty's master. */
static int receive_stdio(int *master) {
    char kind = 0;
    struct iovec iov = {&kind, 1};
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(int))];
    } u;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = u.buf;
    msg.msg_controllen = sizeof u.buf;
    ssize_t n = recvmsg(sync_sock[0], &msg, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) {
        return 1;
    }
    if (n <= 0) {
        return 0; /* closed: the process exec'd or died */
    }
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    int fd = -1;
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
        memcpy(&fd, CMSG_DATA(c), sizeof fd);
    }
    if (kind == 't' && fd >= 0) {
        *master = fd;
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        in.fd = fd;
        in.tty = 1;
    } else {
        if (fd >= 0) {
            close(fd);
        }
        if (kind == 'p') {
            fcntl(in_pipe[1], F_SETFL, fcntl(in_pipe[1], F_GETFL) | O_NONBLOCK);
            in.fd = in_pipe[1];
            in_pipe[1] = -1;
        }
    }
    return 1;
}

enum { P_OUT, P_ERR, P_PTY, P_SYNC, P_CTL, P_IN, P_EXIT, P_COUNT };

/*
 * Copies output until the process has ended and its pipes (or its pty) are closed; once it has
 * ended, output still held open by a process it left behind is waited for at most a moment, so an
 * exit is never held up. Meanwhile what the daemon sends on the channel goes to the process's stdin,
 * for as long as the process runs.
 */
static void relay_and_wait(pid_t pid, int *status, int ctl) {
    static char ctlbuf[65536 + 64];
    size_t ctllen = 0;
    int master = -1;
    struct pollfd p[P_COUNT] = {{pipe_rd[1], POLLIN, 0}, {pipe_rd[2], POLLIN, 0}, {-1, POLLIN, 0}, {sync_sock[0], POLLIN, 0},
                                {-1, POLLIN, 0}, {-1, POLLOUT, 0}, {-1, POLLIN, 0}};
    /* readable when the process ends (Linux 5.3); without it, a process that only reads is checked on every 10 ms */
    p[P_EXIT].fd = (int) syscall(SYS_pidfd_open, pid, 0);
    int open_streams = 2;
    int exited = 0;
    int grace = 0;
    for (;;) {
        /* a process that closed its output may still read its stdin (exec cat >file): it is fed until it ends */
        int feeding = !exited && (p[P_CTL].fd >= 0 || (in.fd >= 0 && in.len > 0));
        if (open_streams == 0 && p[P_SYNC].fd < 0 && !feeding) {
            break;
        }
        p[P_IN].fd = in.len > 0 ? in.fd : -1;
        p[P_CTL].events = in.len < MAX_PENDING && ctllen < sizeof ctlbuf ? POLLIN : 0;
        int r = poll(p, P_COUNT, exited ? 20 : open_streams == 0 && p[P_SYNC].fd < 0 ? 10 : 200);
        if (r < 0 && errno != EINTR) {
            break;
        }
        if (p[P_SYNC].fd >= 0 && (p[P_SYNC].revents & (POLLIN | POLLHUP | POLLERR)) && !receive_stdio(&master)) {
            close(p[P_SYNC].fd);
            p[P_SYNC].fd = -1;
            p[P_CTL].fd = ctl; /* the process has exec'd: the channel is the shim's now */
            if (master >= 0) {
                p[P_PTY].fd = master;
                open_streams++;
            }
            if (in_pipe[1] >= 0) {
                close(in_pipe[1]);
                in_pipe[1] = -1;
            }
        }
        if (p[P_CTL].fd >= 0 && (p[P_CTL].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t n = read(ctl, ctlbuf + ctllen, sizeof ctlbuf - ctllen);
            if (n > 0) {
                ctllen += n;
                size_t used = control(ctlbuf, ctllen, master);
                memmove(ctlbuf, ctlbuf + used, ctllen - used);
                ctllen -= used;
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                p[P_CTL].fd = -1; /* the daemon is gone or done writing: stdin stays as it is */
            }
        }
        in_flush();
        for (int k = P_OUT; k <= P_PTY; k++) {
            if (p[k].fd >= 0 && (p[k].revents & (POLLIN | POLLHUP | POLLERR))) {
                if (!relay_once(p[k].fd, k == P_ERR ? 2 : 1)) {
                    if (k == P_PTY) {
                        in.fd = in.tty ? -1 : in.fd;
                    }
                    close(p[k].fd);
                    p[k].fd = -1;
                    open_streams--;
                }
            }
        }
        if (!exited && waitpid(pid, status, WNOHANG) == pid) {
            exited = 1;
            if (p[P_EXIT].fd >= 0) {
                close(p[P_EXIT].fd);
                p[P_EXIT].fd = -1;
            }
        } else if (exited && r == 0 && ++grace >= 5) {
            break;
        }
    }
    if (!exited) {
        while (waitpid(pid, status, 0) < 0 && errno == EINTR) {
        }
    }
}

/* The mount target inside the new root; no component may be a symlink (it could lead out of it). */
static int target_path(const char *target, char *out) {
    if (target[0] != '/' || strstr(target, "/../") || strstr(target, "/./")) {
        errno = EINVAL;
        return -1;
    }
    snprintf(out, PATH_MAX, "%s%s", root, target);
    char partial[PATH_MAX];
    snprintf(partial, sizeof partial, "%s", root);
    const char *p = target;
    while (*p) {
        while (*p == '/') {
            p++;
        }
        const char *end = strchrnul(p, '/');
        if (end == p) {
            break;
        }
        size_t len = strlen(partial);
        snprintf(partial + len, sizeof partial - len, "/%.*s", (int) (end - p), p);
        struct stat st;
        if (lstat(partial, &st) == 0 && S_ISLNK(st.st_mode)) {
            errno = ELOOP;
            return -1;
        }
        p = end;
    }
    return 0;
}

static int mkdirs(const char *path, int last_is_file) {
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(buf, 0755) < 0 && errno != EEXIST) {
                return -1;
            }
            *p = '/';
        }
    }
    if (last_is_file) {
        /* read-only: opening an image's file for writing would copy it up into the container's upperdir */
        int fd = open(buf, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            return -1;
        }
        close(fd);
        return 0;
    }
    return mkdir(buf, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

/* The safe devices of a container's /dev: mknod, or a bind of the host's node where mknod is refused. */
static int populate_dev(const char *devdir) {
    static const struct { const char *name; int major, minor; } nodes[] = {
        {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};
    char path[PATH_MAX];
    for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", devdir, nodes[i].name);
        mode_t old = umask(0);
        int r = mknod(path, S_IFCHR | 0666, makedev(nodes[i].major, nodes[i].minor));
        umask(old);
        if (r < 0) {
            char host[64];
            snprintf(host, sizeof host, "/dev/%s", nodes[i].name);
            if (mkdirs(path, 1) < 0 || mount(host, path, NULL, MS_BIND, NULL) < 0) {
                return fail(path);
            }
        }
    }
    static const char *links[][2] = {{"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"}, {"stdout", "/proc/self/fd/1"},
                                     {"stderr", "/proc/self/fd/2"}, {"ptmx", "pts/ptmx"}};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", devdir, links[i][0]);
        if (symlink(links[i][1], path) < 0 && errno != EEXIST) {
            return fail(path);
        }
    }
    snprintf(path, sizeof path, "%s/shm", devdir);
    if (mkdirs(path, 0) < 0 || mount("shm", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k") < 0) {
        return fail(path);
    }
    snprintf(path, sizeof path, "%s/pts", devdir);
    if (mkdirs(path, 0) == 0) {
        /* optional: a devpts of the container's own; without it there is no pseudo-terminal */
        mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620");
    }
    return 0;
}

/*
 * The rootfs overlay was mounted in the host's mount namespace after this process got its copy of
 * the mount table, so it is not visible here. Step into the host's namespace, clone the mount tree
 * there (open_tree), come back and attach the clone at the same path (move_mount): a bind mount
 * across namespaces. Without open_tree (Linux < 5.2) the path is bind-mounted onto itself.
 */
static int bind_from_host(const char *path) {
    int own = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
    if (own < 0 || host_mnt < 0) {
        return -1;
    }
    if (setns(host_mnt, CLONE_NEWNS) < 0) {
        close(own);
        return -1;
    }
    int tree = syscall(SYS_open_tree, AT_FDCWD, path, OPEN_TREE_CLONE | AT_RECURSIVE | O_CLOEXEC);
    int saved = errno;
    if (setns(own, CLONE_NEWNS) < 0) {
        _exit(126); /* stuck in the host's namespace: never go on from here */
    }
    close(own);
    if (tree < 0) {
        errno = saved;
        return -1;
    }
    int r = syscall(SYS_move_mount, tree, "", AT_FDCWD, path, MOVE_MOUNT_F_EMPTY_PATH);
    saved = errno;
    close(tree);
    errno = saved;
    return r;
}

static int cmd_prepare(char **f, int n) {
    if (n < 2 || f[1][0] != '/') {
        errno = EINVAL;
        return fail("prepare");
    }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
        return fail("mount --make-rprivate /");
    }
    if (bind_from_host(f[1]) < 0) {
        if (errno != ENOSYS && errno != EPERM) {
            return fail("open_tree/move_mount");
        }
        if (mount(f[1], f[1], NULL, MS_BIND | MS_REC, NULL) < 0) {
            return fail("mount --rbind");
        }
    }
    snprintf(root, sizeof root, "%s", f[1]);
    say("ok");
    return 0;
}

static unsigned long locked_flags(const char *path);

/*
 * mask NREADONLY READONLY... MASKED...: after pivot_root, what runc does with an OCI spec's
 * readonlyPaths and maskedPaths (Docker's default lists, none for --privileged): the parts of /proc
 * that reach the whole host (sysctls, sysrq, irq affinity) become read-only binds of themselves, and
 * files that leak host information are covered by /dev/null, directories by an empty read-only
 * tmpfs. Paths that do not exist are skipped. Together with the capabilities dropped at exec, root
 * in a container cannot reconfigure or reboot the host through /proc.
 */
static int cmd_mask(char **f, int n) {
    int nro = n >= 2 ? atoi(f[1]) : -1;
    if (nro < 0 || 2 + nro > n) {
        errno = EINVAL;
        return fail("mask");
    }
    for (int i = 2; i < n; i++) {
        if (f[i][0] != '/' || strstr(f[i], "/../")) {
            errno = EINVAL;
            return fail(f[i]);
        }
        struct stat st;
        if (stat(f[i], &st) < 0) {
            continue;
        }
        if (i < 2 + nro) {
            if (mount(f[i], f[i], NULL, MS_BIND | MS_REC, NULL) < 0
                    || mount(NULL, f[i], NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | locked_flags(f[i]), NULL) < 0) {
                return fail(f[i]);
            }
        } else if (S_ISDIR(st.st_mode) ? mount("tmpfs", f[i], "tmpfs", MS_RDONLY, NULL) < 0 : mount("/dev/null", f[i], NULL, MS_BIND, NULL) < 0) {
            return fail(f[i]);
        }
    }
    say("ok");
    return 0;
}

/*
 * devices (PATH TYPE MAJOR MINOR MODE UID GID)...: before pivot_root, each device node of an OCI
 * spec's devices list (--privileged: the host's) made in the container's /dev under the new root,
 * as runc's createDevices: mknod, or where the kernel refuses that (a user namespace) a bind of the
 * host's node. A name the container's /dev already has is kept. The host's /dev is only read.
 */
static int cmd_devices(char **f, int n) {
    if (!root[0] || (n - 1) % 7 != 0) {
        errno = EINVAL;
        return fail("devices");
    }
    for (int i = 1; i < n; i += 7) {
        const char *dev = f[i];
        char type = f[i + 1][0];
        if (strncmp(dev, "/dev/", 5) != 0 || (type != 'c' && type != 'b')) {
            errno = EINVAL;
            return fail(dev);
        }
        char path[PATH_MAX];
        struct stat st;
        snprintf(path, sizeof path, "%s%s", root, dev);
        if (lstat(path, &st) == 0) {
            continue; /* runc's own node or link (ptmx -> pts/ptmx) stays */
        }
        if (target_path(dev, path) < 0) {
            return fail(dev);
        }
        mode_t mode = (mode_t) strtoul(f[i + 4], NULL, 10) & 07777;
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%s", path);
        *strrchr(parent, '/') = 0;
        if (mkdirs(parent, 0) < 0) {
            return fail(parent);
        }
        mode_t old = umask(0);
        int r = mknod(path, (type == 'c' ? S_IFCHR : S_IFBLK) | mode,
                      makedev(strtoul(f[i + 2], NULL, 10), strtoul(f[i + 3], NULL, 10)));
        umask(old);
        if (r < 0) {
            if (errno != EPERM || mkdirs(path, 1) < 0 || mount(dev, path, NULL, MS_BIND, NULL) < 0) {
                return fail(path);
            }
        } else if (lchown(path, (uid_t) atol(f[i + 5]), (gid_t) atol(f[i + 6])) < 0) {
            return fail(path);
        }
    }
    say("ok");
    return 0;
}

/*
 * Docker's default capabilities; every other one leaves the bounding set before execve, so a root
 * process in the container keeps only these (it cannot mount, load modules, set the clock, …).
 */
static const int keep_caps[] = {0 /* CHOWN */, 1 /* DAC_OVERRIDE */, 3 /* FOWNER */, 4 /* FSETID */, 5 /* KILL */,
                                6 /* SETGID */, 7 /* SETUID */, 8 /* SETPCAP */, 10 /* NET_BIND_SERVICE */,
                                13 /* NET_RAW */, 18 /* SYS_CHROOT */, 27 /* MKNOD */, 29 /* AUDIT_WRITE */, 31 /* SETFCAP */};

/* keep_mask: the capabilities to keep, bit N for capability N (--cap-add, --cap-drop, --privileged); 0 for Docker's default. */
static int drop_capabilities(unsigned long long keep_mask) {
    for (int c = 0; c < 64; c++) {
        int keep = 0;
        for (size_t i = 0; i < sizeof keep_caps / sizeof *keep_caps; i++) {
            keep |= keep_caps[i] == c;
        }
        if (keep_mask != 0) {
            keep = (keep_mask >> c) & 1;
        }
        if (!keep && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL) {
            return -1;
        }
    }
    return 0;
}

/*
 * The flags a bind mount got from its source. In a user namespace they are locked: a read-only
 * remount that would drop one (nosuid, nodev, noexec, an atime flag) is refused, so it keeps them, as runc does.
 */
static unsigned long locked_flags(const char *path) {
    struct statvfs sv;
    unsigned long out = 0;
    if (statvfs(path, &sv) == 0) {
        out |= sv.f_flag & ST_NOSUID ? MS_NOSUID : 0;
        out |= sv.f_flag & ST_NODEV ? MS_NODEV : 0;
        out |= sv.f_flag & ST_NOEXEC ? MS_NOEXEC : 0;
        out |= sv.f_flag & ST_NOATIME ? MS_NOATIME : 0;
        out |= sv.f_flag & ST_NODIRATIME ? MS_NODIRATIME : 0;
        out |= sv.f_flag & ST_RELATIME ? MS_RELATIME : 0;
    }
    return out;
}

static int cmd_mount(char **f, int n) {
    if (n < 7 || !root[0]) {
        errno = EINVAL;
        return fail("mount");
    }
    const char *type = f[1], *source = f[2], *target = f[3], *data = f[5];
    unsigned long flags = strtoul(f[4], NULL, 10);
    int ro = strcmp(f[6], "1") == 0;
    char path[PATH_MAX];
    if (target_path(target, path) < 0) {
        return fail(target);
    }
    if (strcmp(type, "bind") == 0) {
        struct stat st;
        if (stat(source, &st) < 0) {
            return fail(source);
        }
        if (mkdirs(path, !S_ISDIR(st.st_mode)) < 0) {
            return fail(path);
        }
        if (mount(source, path, NULL, MS_BIND | MS_REC, NULL) < 0) {
            return fail("mount --bind");
        }
        if (ro && mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | flags | locked_flags(path), NULL) < 0) {
            return fail("mount -o remount,bind,ro");
        }
    } else {
        if (mkdirs(path, 0) < 0) {
            return fail(path);
        }
        if (mount(source, path, type, flags | (ro ? MS_RDONLY : 0), data[0] ? data : NULL) < 0) {
            return fail("mount");
        }
        if (strcmp(type, "tmpfs") == 0 && strcmp(target, "/dev") == 0 && populate_dev(path) < 0) {
            return -1;
        }
    }
    say("ok");
    return 0;
}

/*
 * cgroupfs TARGET COUNT (NAME SOURCE)... LINKS (NAME DEST)...: a cgroup v1 host's view for the container,
 * as runc mounts it: a tmpfs on TARGET, each SOURCE (the container's own cgroup directory of one
 * hierarchy) bound read-only on TARGET/NAME, the symlinks of co-mounted controllers, then the tmpfs
 * remounted read-only. Everything lives in the container's mount namespace.
 */
static int cmd_cgroupfs(char **f, int n) {
    if (n < 4 || !root[0]) {
        errno = EINVAL;
        return fail("cgroupfs");
    }
    int count = atoi(f[2]);
    if (count < 0 || 3 + 2 * count >= n) {
        errno = EINVAL;
        return fail("cgroupfs");
    }
    int links = atoi(f[3 + 2 * count]);
    if (links < 0 || 4 + 2 * count + 2 * links != n) {
        errno = EINVAL;
        return fail("cgroupfs");
    }
    char at[PATH_MAX];
    if (target_path(f[1], at) < 0) {
        return fail(f[1]);
    }
    unsigned long hard = MS_NOSUID | MS_NODEV | MS_NOEXEC;
    if (mkdirs(at, 0) < 0 || mount("tmpfs", at, "tmpfs", hard, "mode=755") < 0) {
        return fail("mount tmpfs");
    }
    char path[PATH_MAX];
    for (int i = 0; i < count; i++) {
        const char *name = f[3 + 2 * i], *source = f[4 + 2 * i];
        if (strchr(name, '/') || snprintf(path, sizeof path, "%s/%s", at, name) >= (int) sizeof path) {
            errno = EINVAL;
            return fail(name);
        }
        if (mkdir(path, 0755) < 0 && errno != EEXIST) {
            return fail(path);
        }
        if (mount(source, path, NULL, MS_BIND, NULL) < 0) {
            return fail("mount --bind");
        }
        if (mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | hard | locked_flags(path), NULL) < 0) {
            return fail("mount -o remount,bind,ro");
        }
    }
    for (int i = 0; i < links; i++) {
        const char *name = f[4 + 2 * count + 2 * i], *dest = f[5 + 2 * count + 2 * i];
        if (strchr(name, '/') || snprintf(path, sizeof path, "%s/%s", at, name) >= (int) sizeof path) {
            errno = EINVAL;
            return fail(name);
        }
        if (symlink(dest, path) < 0 && errno != EEXIST) {
            return fail("symlink");
        }
    }
    if (mount(NULL, at, NULL, MS_REMOUNT | MS_RDONLY | hard, "mode=755") < 0) {
        return fail("mount -o remount,ro");
    }
    say("ok");
    return 0;
}

static int cmd_pivot(void) {
    if (!root[0]) {
        errno = EINVAL;
        return fail("pivot_root");
    }
    if (chdir(root) < 0) {
        return fail("chdir");
    }
    if (syscall(SYS_pivot_root, ".", ".") < 0) {
        return fail("pivot_root");
    }
    if (umount2(".", MNT_DETACH) < 0) {
        return fail("umount2");
    }
    if (chdir("/") < 0) {
        return fail("chdir /");
    }
    say("ok");
    return 0;
}

/* After pivot_root, for --read-only: '/' becomes read-only; what is mounted on top keeps its own flags (runc's setReadonly). */
static int cmd_readonly(void) {
    if (mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | locked_flags("/"), NULL) < 0) {
        return fail("mount -o remount,bind,ro /");
    }
    say("ok");
    return 0;
}

static int cmd_hostname(char **f, int n) {
    if (n < 2 || sethostname(f[1], strlen(f[1])) < 0) {
        return fail("sethostname");
    }
    say("ok");
    return 0;
}

static const char *env_path(char **env) {
    const char *path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (char **e = env; *e; e++) {
        if (strncmp(*e, "PATH=", 5) == 0) {
            path = *e + 5;
        }
    }
    return path;
}

/* Go's exec.LookPath, as runc uses it: the first regular file with an execute bit on PATH. */
static int look_path(const char *name, char **env, char *out) {
    if (strchr(name, '/')) {
        snprintf(out, PATH_MAX, "%s", name);
        return 0;
    }
    const char *p = env_path(env);
    for (;;) {
        const char *end = strchrnul(p, ':');
        char cand[PATH_MAX];
        if (end == p) {
            snprintf(cand, sizeof cand, "./%s", name);
        } else {
            snprintf(cand, sizeof cand, "%.*s/%s", (int) (end - p), p, name);
        }
        struct stat st;
        if (stat(cand, &st) == 0 && !S_ISDIR(st.st_mode) && (st.st_mode & 0111)) {
            snprintf(out, PATH_MAX, "%s", cand);
            return 0;
        }
        if (!*end) {
            return -1;
        }
        p = end + 1;
    }
}

/*
 * runc's console: a pseudo-terminal from the container's own devpts (a new instance on /dev/pts), so
 * the process sees its terminal as /dev/pts/N. The slave, owned by the process's user, becomes the
 * controlling terminal of a new session; the master goes to the shim (see send_stdio).
 */
static int open_console(int rows, int cols, uid_t uid, gid_t gid, int *master) {
    int m = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) {
        m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    }
    if (m < 0) {
        return -1;
    }
    int unlock = 0;
    int s = -1;
    if (ioctl(m, TIOCSPTLCK, &unlock) == 0) {
        s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
        int n;
        if (s < 0 && ioctl(m, TIOCGPTN, &n) == 0) {
            char path[64];
            snprintf(path, sizeof path, "/dev/pts/%d", n);
            s = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
        }
    }
    struct winsize ws = {(unsigned short) rows, (unsigned short) cols, 0, 0};
    if (s < 0 || ioctl(m, TIOCSWINSZ, &ws) < 0 || setsid() < 0 || ioctl(s, TIOCSCTTY, 0) < 0) {
        int saved = errno;
        close(m);
        if (s >= 0) {
            close(s);
        }
        errno = saved;
        return -1;
    }
    if (fchown(s, uid, gid) < 0) {
        /* a user the container's root cannot give it to: the process keeps the open slave all the same */
    }
    *master = m;
    return s;
}

/* Tells the shim how stdin was set up ('f' file, 'p' pipe, 't' tty, with the master); the socket closes at execve. */
static void send_stdio(char kind, int master) {
    struct iovec iov = {&kind, 1};
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(int))];
    } u;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (master >= 0) {
        msg.msg_control = u.buf;
        msg.msg_controllen = sizeof u.buf;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &master, sizeof master);
    }
    while (sendmsg(sync_sock[1], &msg, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
    if (master >= 0) {
        close(master); /* the shim has its copy: the process must not hold its own terminal's master */
    }
}

/* An exec that fails ends the process, as runc's init does: 127 not found, 126 otherwise. */
static void exec_fail(int code, const char *fmt, ...) {
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    say("error %d %s", code, buf);
    _exit(code);
}

static int cmd_exec(char **f, int n) {
    if (n < 6) {
        exec_fail(126, "exec: bad command");
    }
    int cgroupns = strcmp(f[1], "1") == 0;
    uid_t uid = (uid_t) strtoul(f[2], NULL, 10);
    gid_t gid = (gid_t) strtoul(f[3], NULL, 10);
    const char *cwd = f[4];
    int argc = atoi(f[5]);
    if (argc < 1 || 6 + argc >= n) {
        exec_fail(126, "exec: bad command");
    }
    int envc = atoi(f[6 + argc]);
    if (7 + argc + envc > n) {
        exec_fail(126, "exec: bad command");
    }
    char **argv = calloc(argc + 1, sizeof *argv);
    char **env = calloc(envc + 1, sizeof *env);
    for (int i = 0; i < argc; i++) {
        argv[i] = f[6 + i];
    }
    for (int i = 0; i < envc; i++) {
        env[i] = f[7 + argc + i];
    }
    if (cgroupns && unshare(CLONE_NEWCGROUP) < 0) {
        exec_fail(126, "unshare(CLONE_NEWCGROUP): %s", lower(strerror(errno)));
    }
    if (chdir(cwd) < 0) {
        exec_fail(126, "chdir to cwd (\"%s\") set in config.json failed: %s", cwd, lower(strerror(errno)));
    }
    char path[PATH_MAX];
    if (look_path(argv[0], env, path) < 0) {
        exec_fail(127, "exec: \"%s\": executable file not found in $PATH", argv[0]);
    }
    struct stat st;
    if (stat(path, &st) < 0) {
        exec_fail(errno == ENOENT || errno == ENOTDIR ? 127 : 126, "exec: \"%s\": stat %s: %s", argv[0], path, lower(strerror(errno)));
    }
    char kind = 'f';
    int rows = 24, cols = 80;
    if (n >= 7 + argc + envc + 3) {
        const char *mode = f[7 + argc + envc];
        kind = strcmp(mode, "tty") == 0 ? 't' : strcmp(mode, "pipe") == 0 ? 'p' : 'f';
        rows = atoi(f[8 + argc + envc]);
        cols = atoi(f[9 + argc + envc]);
    }
    int master = -1, console = -1;
    if (kind == 't' && (console = open_console(rows, cols, uid, gid, &master)) < 0) {
        exec_fail(126, "open console: %s", lower(strerror(errno)));
    }
    unsigned long long keep_mask = n >= 7 + argc + envc + 4 ? strtoull(f[10 + argc + envc], NULL, 10) : 0;
    if (keep_mask == 0 && n >= 7 + argc + envc + 4) {
        keep_mask = 1ULL << 63; /* an empty set: keep nothing (bit 63 names no capability) */
    }
    if (drop_capabilities(keep_mask) < 0) {
        exec_fail(126, "drop capabilities: %s", lower(strerror(errno)));
    }
    if (setgroups(0, NULL) < 0 || setgid(gid) < 0 || setuid(uid) < 0) {
        exec_fail(126, "setuid %u: %s", (unsigned) uid, lower(strerror(errno)));
    }
    say("path %s %d", path, (int) getpid());
    int reply = fcntl(1, F_DUPFD_CLOEXEC, 10);
    int in_fd = kind == 'p' ? in_pipe[0] : io[0];
    int out_fd[2] = {io[1], io[2]};
    if (kind == 't') {
        in_fd = out_fd[0] = out_fd[1] = console;
    }
    if (dup2(in_fd, 0) < 0 || dup2(out_fd[0], 1) < 0 || dup2(out_fd[1], 2) < 0) {
        dprintf(reply, "error 126 dup2: %s\n", lower(strerror(errno)));
        _exit(126);
    }
    if (console > 2) {
        close(console);
    }
    send_stdio(kind, master);
    sigset_t all;
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    signal(SIGPIPE, SIG_DFL);
    execve(path, argv, env);
    int code = errno == ENOENT ? 127 : 126;
    dprintf(reply, "error %d exec: \"%s\": %s\n", code, argv[0], lower(strerror(errno)));
    _exit(code);
}

/*
 * Moves the calling process, which has a single thread, into the cgroup whose cgroup.procs file is
 * PROCS. On cgroup v1 it writes "0" to the sibling "tasks" file: a thread that moves itself needs no
 * global lock, while a write of a pid to cgroup.procs takes cgroup_threadgroup_rwsem for writing, and
 * that waits for an RCU grace period (5 to 13 ms measured on this host). v2 has no tasks file there:
 * the pid goes to cgroup.procs.
 */
static int join_cgroup(const char *procs) {
    char tasks[PATH_MAX];
    size_t len = strlen(procs);
    const char *leaf = "cgroup.procs";
    size_t leaflen = strlen(leaf);
    if (len > leaflen && len - leaflen + 6 < sizeof tasks && strcmp(procs + len - leaflen, leaf) == 0) {
        memcpy(tasks, procs, len - leaflen);
        strcpy(tasks + len - leaflen, "tasks");
        int fd = open(tasks, O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            int ok = write(fd, "0", 1) == 1;
            int saved = errno;
            close(fd);
            errno = saved;
            return ok ? 0 : -1;
        }
        if (errno != ENOENT) {
            return -1;
        }
    }
    int fd = open(procs, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    int ok = dprintf(fd, "%d\n", (int) getpid()) > 0;
    int saved = errno;
    close(fd);
    errno = saved;
    return ok ? 0 : -1;
}

/* cgroup PROCS...: the held init moves itself into its cgroups before it does anything else. */
static int cmd_cgroup(char **f, int n) {
    for (int i = 1; i < n; i++) {
        if (join_cgroup(f[i]) < 0) {
            return fail(f[i]);
        }
    }
    say("ok");
    return 0;
}

/* linkup NAME: IFF_UP on a link of this process's network namespace (runc's init does this for lo). */
static int cmd_linkup(char **f, int n) {
    if (n != 2 || strlen(f[1]) >= IFNAMSIZ) {
        errno = EINVAL;
        return fail("linkup NAME");
    }
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        return fail("socket");
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", f[1]);
    int r = ioctl(s, SIOCGIFFLAGS, &ifr);
    if (r == 0) {
        ifr.ifr_flags |= IFF_UP;
        r = ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    int e = errno;
    close(s);
    if (r < 0) {
        errno = e;
        return fail(f[1]);
    }
    say("ok");
    return 0;
}

/* In a new user namespace: wait for the parent to write the maps, then become its root (uid 100000 outside). */
static void await_id_maps(void) {
    if (userns_sync[0] < 0) {
        return;
    }
    close(userns_sync[1]);
    char c;
    ssize_t r;
    while ((r = read(userns_sync[0], &c, 1)) < 0 && errno == EINTR) {
    }
    close(userns_sync[0]);
    if (r != 1 || setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0) {
        _exit(1);
    }
}

static int child_main(void *arg) {
    (void) arg;
    await_id_maps();
    char **f = calloc(MAX_FIELDS, sizeof *f);
    for (;;) {
        int n = read_command(f);
        if (n == 0) {
            _exit(1); /* the daemon went away before the container started */
        }
        if (strcmp(f[0], "prepare") == 0) {
            cmd_prepare(f, n);
        } else if (strcmp(f[0], "mount") == 0) {
            cmd_mount(f, n);
        } else if (strcmp(f[0], "cgroupfs") == 0) {
            cmd_cgroupfs(f, n);
        } else if (strcmp(f[0], "pivot") == 0) {
            cmd_pivot();
        } else if (strcmp(f[0], "readonly") == 0) {
            cmd_readonly();
        } else if (strcmp(f[0], "devices") == 0) {
            cmd_devices(f, n);
        } else if (strcmp(f[0], "mask") == 0) {
            cmd_mask(f, n);
        } else if (strcmp(f[0], "hostname") == 0) {
            cmd_hostname(f, n);
        } else if (strcmp(f[0], "cgroup") == 0) {
            cmd_cgroup(f, n);
        } else if (strcmp(f[0], "linkup") == 0) {
            cmd_linkup(f, n);
        } else if (strcmp(f[0], "exec") == 0) {
            cmd_exec(f, n);
        } else {
            say("error %d unknown command %s", EINVAL, f[0]);
        }
    }
}

/* DIR/NAME holds TEXT, replaced atomically (a reader never sees half of it). */
static int write_file(const char *name, const char *text) {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s.tmp", name);
    int len = strlen(text);
    int fd = openat(dirfd_, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, text, len) != len || close(fd) < 0 || renameat(dirfd_, tmp, dirfd_, name) < 0) {
        return -1;
    }
    return 0;
}

/* The shim's part: record the pid, wait for the process, write how it ended, exit. */
static int shim_wait(pid_t pid) {
    char text[32];
    snprintf(text, sizeof text, "%d\n", (int) pid);
    if (write_file("pid", text) < 0) {
        say("error %d write %s/pid: %s", errno, dir, lower(strerror(errno)));
        kill(pid, SIGKILL);
        return 1;
    }
    say("ok %d", (int) pid);
    int ctl = fcntl(0, F_DUPFD_CLOEXEC, 10); /* read only once the process has exec'd: until then the commands are its */
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    dup2(devnull, 1);
    for (int i = 0; i < 3; i++) {
        close(io[i]); /* the process has its own copies: the pipes end when it and its children close them */
    }
    close(sync_sock[1]);
    close(in_pipe[0]);
    int status = 0;
    relay_and_wait(pid, &status, ctl);
    if (WIFSIGNALED(status)) {
        snprintf(text, sizeof text, "signal %d\n", WTERMSIG(status));
    } else {
        snprintf(text, sizeof text, "exit %d\n", WEXITSTATUS(status));
    }
    return write_file("exit", text) < 0 ? 1 : 0;
}

/* The parent's half: /proc/PID/uid_map and gid_map, written as root of the parent user namespace. */
static int write_id_map(pid_t pid, const char *file, const char *map) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int) pid, file);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    int len = strlen(map);
    if (fd < 0 || write(fd, map, len) != len) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
        }
        errno = saved;
        return fail(path);
    }
    close(fd);
    return 0;
}

/* The id outside that id 0 inside maps to, from /proc/PID/FILE ("uid_map" or "gid_map"); -1 if none. */
static long outside_root(pid_t pid, const char *file) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int) pid, file);
    FILE *f = fopen(path, "re");
    if (!f) {
        return -1;
    }
    long inside, outside, count, found = -1;
    while (fscanf(f, "%ld %ld %ld", &inside, &outside, &count) == 3) {
        if (inside == 0 && count > 0) {
            found = outside;
            break;
        }
    }
    fclose(f);
    return found;
}

/*
 * As runc's fixStdioPermissions: in a user namespace of its own, the container's root is not the
 * host's, and could not reopen its stdout and stderr (/dev/stdout is /proc/self/fd/1, a pipe the
 * shim made as host root), so the pipes' write ends are given to the container's root.
 */
static int give_stdio_to_root_of(pid_t pid) {
    long uid = outside_root(pid, "uid_map");
    long gid = outside_root(pid, "gid_map");
    if (uid <= 0 && gid <= 0) {
        return 0; /* the host's own root, or no map: nothing to do */
    }
    for (int i = 1; i < 3; i++) {
        if (fchown(io[i], (uid_t) uid, (gid_t) gid) < 0) {
            return -1;
        }
    }
    if (fchown(in_pipe[0], (uid_t) uid, (gid_t) gid) < 0) {
        return -1;
    }
    return 0;
}

static int create_main(int argc, char **argv) {
    int flags = atoi(argv[3]);
    const char *uidmap = NULL, *gidmap = NULL;
    for (int i = 4; i < argc; i++) {
        if (strncmp(argv[i], "uidmap=", 7) == 0) {
            uidmap = argv[i] + 7;
            continue;
        }
        if (strncmp(argv[i], "gidmap=", 7) == 0) {
            gidmap = argv[i] + 7;
            continue;
        }
        char *eq = strchr(argv[i], '=');
        int fd = eq ? open(eq + 1, O_RDONLY | O_CLOEXEC) : -1;
        if (fd < 0 || setns(fd, 0) < 0) {
            return fail(argv[i]), 1;
        }
        close(fd);
    }
    host_mnt = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
    size_t size = 1 << 20;
    char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        return fail("mmap"), 1;
    }
    int userns = (flags & CLONE_NEWUSER) != 0;
    if (userns && (!uidmap || !gidmap)) {
        errno = EINVAL;
        return fail("CLONE_NEWUSER needs uidmap= and gidmap="), 1;
    }
    if (userns && pipe2(userns_sync, O_CLOEXEC) < 0) {
        return fail("pipe2"), 1;
    }
    pid_t pid = clone(child_main, stack + size, flags | SIGCHLD, NULL);
    if (pid < 0) {
        return fail("clone"), 1;
    }
    if (userns) {
        close(userns_sync[0]);
        if (write_id_map(pid, "uid_map", uidmap) < 0 || write_id_map(pid, "gid_map", gidmap) < 0 || give_stdio_to_root_of(pid) < 0
                || write(userns_sync[1], "1", 1) != 1) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            return 1;
        }
        close(userns_sync[1]);
    }
    return shim_wait(pid);
}

static const char *ns_order[] = {"user", "ipc", "uts", "net", "pid", "mnt", "cgroup"};

static int exec_main(int argc, char **argv) {
    const char *target = argv[3];
    if (give_stdio_to_root_of((pid_t) atoi(target)) < 0) {
        return fail("fchown stdio"), 1;
    }
    for (int i = 4; i < argc; i++) {
        if (join_cgroup(argv[i]) < 0) {
            return fail(argv[i]), 1;
        }
    }
    int fds[7];
    for (int i = 0; i < 7; i++) {
        char theirs[64], ours[64];
        snprintf(theirs, sizeof theirs, "/proc/%s/ns/%s", target, ns_order[i]);
        snprintf(ours, sizeof ours, "/proc/self/ns/%s", ns_order[i]);
        struct stat a, b;
        fds[i] = -1;
        if (stat(theirs, &a) < 0) {
            return fail(theirs), 1;
        }
        if (stat(ours, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
            continue;
        }
        fds[i] = open(theirs, O_RDONLY | O_CLOEXEC);
        if (fds[i] < 0) {
            return fail(theirs), 1;
        }
    }
    for (int i = 0; i < 7; i++) {
        if (fds[i] >= 0) {
            if (setns(fds[i], 0) < 0) {
                return fail(ns_order[i]), 1;
            }
            close(fds[i]);
        }
    }
    pid_t pid = fork();
    if (pid < 0) {
        return fail("fork"), 1;
    }
    if (pid == 0) {
        root[0] = '/';
        child_main(NULL);
    }
    return shim_wait(pid);
}

static int run_mode(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: glassbox-init create DIR FLAGS [NS=PATH ...] | exec DIR PID [CGROUP_PROCS ...]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    setsid();
    dir = argv[2];
    dirfd_ = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd_ < 0) {
        say("error %d open %s: %s", errno, dir, lower(strerror(errno)));
        return 1;
    }
    open_stdio();
    if (strcmp(argv[1], "create") == 0) {
        return create_main(argc, argv);
    }
    if (strcmp(argv[1], "exec") == 0) {
        return exec_main(argc, argv);
    }
    fprintf(stderr, "glassbox-init: unknown mode %s\n", argv[1]);
    return 2;
}

/*
 * Waits for the real arguments and becomes the helper they describe (see "spare" above), in this
 * same process: an execve of itself would cost a few hundred microseconds of every start. Its
 * argv[1] then reads "taken", so that /proc/PID/cmdline tells a spare from a helper at work.
 */
static int spare_main(char **argv) {
    char **f = calloc(MAX_FIELDS + 2, sizeof *f);
    int n = read_command(f + 1);
    if (n < 3) {
        return n == 0 ? 0 : 2;
    }
    f[0] = argv[0];
    for (int i = 1; i <= n; i++) {
        f[i] = strdup(f[i]); /* read_command reuses its buffer for the next command */
    }
    char log[PATH_MAX];
    snprintf(log, sizeof log, "%s/helper.log", f[2]);
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
        dup2(fd, 2);
        close(fd);
    }
    memcpy(argv[1], "taken", 5); /* main saw exactly "spare": the same length */
    return run_mode(n + 1, f);
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "spare") == 0) {
        return spare_main(argv);
    }
    return run_mode(argc, argv);
}
