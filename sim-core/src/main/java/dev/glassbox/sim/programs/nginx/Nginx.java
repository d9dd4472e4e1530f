package dev.glassbox.sim.programs.nginx;

import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.ErrnoText;
import java.util.ArrayList;
import java.util.List;

/**
 * nginx: a master process that owns the listening sockets and serves requests itself, and forked
 * worker processes that wait for signals, so ps shows the real process tree and titles.
 */
public final class Nginx {
    static final String VERSION = "nginx/1.27.3";
    private static final String BUILT_BY = "built by gcc 12.2.0 (Debian 12.2.0-14) ";

    private final Sys sys;
    private final List<String> argv;
    private final String confFile;
    private final String global;
    private NginxConf conf;
    private NginxLog log;
    private final List<Integer> workers = new ArrayList<>();
    private final List<Integer> listeners = new ArrayList<>();

    private Nginx(Sys sys, List<String> argv, String confFile, String global) {
        this.sys = sys;
        this.argv = argv;
        this.confFile = confFile;
        this.global = global;
    }

    public static int main(Sys sys) {
        List<String> argv = sys.argv();
        String conf = "/etc/nginx/nginx.conf";
        String global = null;
        String signal = null;
        boolean test = false;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "-v" -> {
                    sys.err("nginx version: " + VERSION + "\n");
                    return 0;
                }
                case "-V" -> {
                    sys.err("nginx version: " + VERSION + "\n" + BUILT_BY + "\nbuilt with OpenSSL 3.0.15 3 Sep 2024\n"
                            + "TLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx"
                            + " --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log"
                            + " --http-log-path=/var/log/nginx/access.log --pid-path=/var/run/nginx.pid --user=nginx"
                            + " --group=nginx --with-http_ssl_module --with-http_v2_module --with-stream\n");
                    return 0;
                }
                case "-t", "-T" -> test = true;
                case "-q" -> { }
                case "-g" -> global = i + 1 < argv.size() ? argv.get(++i) : "";
                case "-c" -> conf = i + 1 < argv.size() ? argv.get(++i) : conf;
                case "-s" -> signal = i + 1 < argv.size() ? argv.get(++i) : "";
                case "-p", "-e" -> i++;
                default -> {
                    sys.err("nginx: invalid option: \"" + a.replaceFirst("^-", "") + "\"\n");
                    return 1;
                }
            }
        }
        Nginx n = new Nginx(sys, argv, conf, global);
        try {
            n.conf = NginxConf.load(sys, conf, global);
        } catch (NginxConf.Invalid e) {
            sys.err("nginx: [emerg] " + e.getMessage() + "\n");
            if (test) {
                sys.err("nginx: configuration file " + conf + " test failed\n");
            }
            return 1;
        }
        if (test) {
            sys.err("nginx: the configuration file " + conf + " syntax is ok\n"
                    + "nginx: configuration file " + conf + " test is successful\n");
            return 0;
        }
        if (signal != null) {
            return n.sendSignal(signal);
        }
        if (n.conf.daemon) {
            NginxConf loaded = n.conf;
            sys.fork(child -> {
                Nginx daemon = new Nginx(child, argv, loaded.file, n.global);
                daemon.conf = loaded;
                return daemon.master();
            });
            return 0;
        }
        return n.master();
    }

    /** nginx -s stop|quit|reload|reopen: signals the master named in the pid file. */
    private int sendSignal(String name) {
        int sig = switch (name) {
            case "stop" -> Signals.SIGTERM;
            case "quit" -> Signals.SIGQUIT;
            case "reload" -> Signals.SIGHUP;
            case "reopen" -> Signals.SIGUSR1;
            default -> -1;
        };
        if (sig < 0) {
            sys.err("nginx: invalid option: \"-s " + name + "\"\n");
            return 1;
        }
        NginxLog out = new NginxLog(sys, "stderr", "notice");
        out.notice("signal process started");
        int pid;
        try {
            pid = Integer.parseInt(sys.readText(conf.pidFile).trim());
        } catch (SysError e) {
            out.log("error", "open() \"" + conf.pidFile + "\" failed (" + ErrnoText.describe(e) + ")");
            return 1;
        } catch (NumberFormatException e) {
            out.log("error", "invalid PID number \"\" in \"" + conf.pidFile + "\"");
            return 1;
        }
        try {
            sys.kill(pid, sig);
            return 0;
        } catch (SysError e) {
            out.log("alert", "kill(" + pid + ", " + sig + ") failed (" + ErrnoText.describe(e) + ")");
            return 1;
        }
    }

    private int master() {
        log = new NginxLog(sys, conf.errorLog, conf.errorLevel);
        log.notice("using the \"epoll\" event method");
        for (int port : conf.ports()) {
            try {
                listeners.add(sys.listen(port));
            } catch (SysError e) {
                String msg = "bind() to 0.0.0.0:" + port + " failed (" + ErrnoText.describe(e) + ")";
                sys.err("nginx: [emerg] " + msg + "\n");
                log.log("emerg", msg);
                sys.err("nginx: [emerg] still could not bind()\n");
                return 1;
            }
        }
        log.notice(VERSION);
        log.notice(BUILT_BY);
        log.notice("OS: Linux " + sys.uname().release());
        log.notice("getrlimit(RLIMIT_NOFILE): 1048576:1048576");
        try {
            sys.writeText(conf.pidFile, sys.getpid() + "\n", false);
        } catch (SysError e) {
            log.log("emerg", "open() \"" + conf.pidFile + "\" failed (" + ErrnoText.describe(e) + ")");
            return 1;
        }
        sys.setproctitle("nginx: master process " + String.join(" ", argv));
        sys.signal(Signals.SIGTERM, () -> shutdown(Signals.SIGTERM));
        sys.signal(Signals.SIGINT, () -> shutdown(Signals.SIGINT));
        sys.signal(Signals.SIGQUIT, () -> shutdown(Signals.SIGQUIT));
        sys.signal(Signals.SIGHUP, this::reload);
        sys.signal(Signals.SIGUSR1, () -> {
            log.notice("signal 10 (SIGUSR1) received, reopening logs");
            log.notice("reopening logs");
            log = new NginxLog(sys, conf.errorLog, conf.errorLevel);
            for (int w : workers) {
                try {
                    sys.kill(w, Signals.SIGUSR1);
                } catch (SysError e) {
                    // it died on its own
                }
            }
        });
        startWorkers();
        if (listeners.isEmpty()) {
            while (true) {
                sys.pause();
            }
        }
        NginxHttp http = new NginxHttp(sys);
        while (true) {
            int c = sys.accept(listeners.get(0));
            http.serve(c, conf, conf.ports().get(0));
        }
    }

    private void startWorkers() {
        log.notice("start worker processes");
        NginxConf c = conf;
        for (int i = 0; i < conf.workers; i++) {
            int pid = sys.fork(child -> worker(child, c));
            workers.add(pid);
            log.notice("start worker process " + pid);
        }
    }

    /**
     * Real nginx blocks signals across fork so a new worker cannot die of one before its handlers are set.
     * Sys has no signal mask, so the master waits until the worker has retitled itself (after its handlers).
     */
    private void awaitReady(int pid) {
        for (int i = 0; i < 100; i++) {
            try {
                if (sys.readText("/proc/" + pid + "/cmdline").startsWith("nginx: worker process")) {
                    return;
                }
            } catch (SysError e) {
                return;
            }
            sys.sleep(1);
        }
    }

    private static int worker(Sys sys, NginxConf conf) {
        NginxLog[] log = {new NginxLog(sys, conf.errorLog, conf.errorLevel)};
        Runnable fast = () -> {
            log[0].notice("exiting");
            log[0].notice("exit");
            sys.exit(0);
        };
        sys.signal(Signals.SIGTERM, fast);
        sys.signal(Signals.SIGINT, fast);
        sys.signal(Signals.SIGQUIT, () -> {
            log[0].notice("gracefully shutting down");
            fast.run();
        });
        sys.signal(Signals.SIGUSR1, () -> {
            log[0].notice("reopening logs");
            log[0] = new NginxLog(sys, conf.errorLog, conf.errorLevel);
        });
        sys.ignore(Signals.SIGHUP);
        sys.setproctitle("nginx: worker process");
        sys.pauseForever();
        return 0; // not reached: pauseForever never returns
    }

    private void shutdown(int sig) {
        boolean graceful = sig == Signals.SIGQUIT;
        log.notice("signal " + sig + " (" + Signals.name(sig) + ") received, " + (graceful ? "shutting down" : "exiting"));
        stopWorkers(new ArrayList<>(workers), graceful ? Signals.SIGQUIT : Signals.SIGTERM);
        try {
            sys.unlink(conf.pidFile);
        } catch (SysError e) {
            // already gone
        }
        log.notice("exit");
        sys.exit(0);
    }

    private void stopWorkers(List<Integer> which, int sig) {
        for (int w : which) {
            awaitReady(w);
            try {
                sys.kill(w, sig);
            } catch (SysError e) {
                // it died on its own
            }
        }
        for (int w : which) {
            int st;
            try {
                st = sys.waitpid(w);
            } catch (SysError e) {
                continue;
            }
            log.notice("signal 17 (SIGCHLD) received from " + w);
            log.notice("worker process " + w + (st > 128 ? " exited on signal " + (st - 128) : " exited with code " + st));
            workers.remove(Integer.valueOf(w));
        }
    }

    private void reload() {
        log.notice("signal 1 (SIGHUP) received, reconfiguring");
        log.notice("reconfiguring");
        try {
            conf = NginxConf.load(sys, confFile, global);
        } catch (NginxConf.Invalid e) {
            log.log("emerg", e.getMessage());
            return;
        }
        log = new NginxLog(sys, conf.errorLog, conf.errorLevel);
        log.notice("using the \"epoll\" event method");
        List<Integer> old = new ArrayList<>(workers);
        startWorkers();
        stopWorkers(old, Signals.SIGQUIT);
    }
}
