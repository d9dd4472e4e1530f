package dev.glassbox.sim.programs;

import dev.glassbox.sim.Program;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.List;

/** {@link dev.glassbox.sim.Sys} for one process of a {@link FakeKernel}. Every call takes the kernel's lock. */
final class FakeSys extends FakeSysCore {
    static final class Exited extends Error {
        private static final long serialVersionUID = 1L;
        final int code;

        Exited(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super(null, null, false, false);
        }
    }

    static final class Exec extends Error {
        private static final long serialVersionUID = 1L;
        final transient Program program;

        Exec(Program program) {
            super(null, null, false, false);
            this.program = program;
        }
    }

    FakeSys(FakeKernel k, FakeKernel.Proc p) {
        super(k, p);
    }

    // ---- the process

    @Override public List<String> argv() { enter(); return p.argv; }
    @Override public int getpid() { enter(); return p.pid; }
    @Override public int getppid() { enter(); return p.ppid; }
    @Override public int getuid() { enter(); return p.uid; }
    @Override public int getgid() { enter(); return p.gid; }

    @Override
    public String getenv(String name) {
        enter();
        synchronized (k) {
            for (String e : p.env) {
                if (e.startsWith(name + "=")) {
                    return e.substring(name.length() + 1);
                }
            }
            return null;
        }
    }

    @Override
    public List<String> environ() {
        enter();
        synchronized (k) {
            return List.copyOf(p.env);
        }
    }

    @Override
    public void setenv(String name, String value) {
        enter();
        synchronized (k) {
            p.env.removeIf(e -> e.startsWith(name + "="));
            p.env.add(name + "=" + value);
        }
    }

    @Override public String getcwd() { enter(); return p.cwd; }

    @Override
    public void chdir(String path) {
        enter();
        synchronized (k) {
            FakeFs.Found f = k.fs.resolve(abs(path), true);
            if (f.node().kind != Stat.Kind.DIR) {
                throw SysError.enotdir();
            }
            p.cwd = f.path();
        }
    }

    @Override
    public void exit(int status) {
        throw new Exited(status);
    }

    @Override
    public void execve(List<String> argv, List<String> env) {
        enter();
        Object[] r;
        synchronized (k) {
            r = k.resolveProgram(abs(argv.get(0)), argv);
            @SuppressWarnings("unchecked")
            List<String> realArgv = (List<String>) r[1];
            p.argv = List.copyOf(realArgv);
            p.env = new ArrayList<>(env);
            p.title = null;
            p.handlers.clear();
        }
        throw new Exec((Program) r[0]);
    }

    @Override
    public void setproctitle(String title) {
        enter();
        synchronized (k) {
            p.title = title;
        }
    }

    // ---- streams

    @Override
    public void out(String text) {
        enter();
        synchronized (k) {
            p.out.append(text);
        }
    }

    @Override
    public void err(String text) {
        enter();
        synchronized (k) {
            p.err.append(text);
        }
    }

    @Override public String stdin() { enter(); return p.stdin; }

    // ---- children

    @Override
    public int spawn(List<String> argv, List<String> env, String stdin, StringBuilder stdout, StringBuilder stderr) {
        enter();
        synchronized (k) {
            String name = argv.get(0);
            String path = name.contains("/") ? abs(name) : which(name);
            if (path == null) {
                throw SysError.enoent();
            }
            Object[] r = k.resolveProgram(path, argv);
            @SuppressWarnings("unchecked")
            List<String> realArgv = (List<String>) r[1];
            FakeKernel.Proc c = k.newProc(p.pid, realArgv, env, p.cwd, stdout != null ? stdout : p.out,
                    stderr != null ? stderr : p.err, stdin);
            c.uid = p.uid;
            c.gid = p.gid;
            c.start((Program) r[0]);
            return c.pid;
        }
    }

    @Override
    public int fork(Program child) {
        enter();
        synchronized (k) {
            FakeKernel.Proc c = k.newProc(p.pid, p.argv, p.env, p.cwd, p.out, p.err, "");
            c.title = p.title;
            c.uid = p.uid;
            c.gid = p.gid;
            c.start(child);
            return c.pid;
        }
    }

    @Override
    public int waitpid(int pid) {
        enter();
        FakeKernel.Proc c;
        synchronized (k) {
            c = k.procs.get(pid);
            if (c == null || c.ppid != p.pid || c.reaped) {
                throw SysError.echild();
            }
        }
        block(() -> c.status != null);
        synchronized (k) {
            c.reaped = true;
            return c.status;
        }
    }

    @Override
    public void kill(int pid, int signal) {
        enter();
        k.kill(pid, signal);
        enter();
    }

    @Override
    public void signal(int signal, Runnable handler) {
        enter();
        synchronized (k) {
            p.ignored.remove(signal);
            p.handlers.put(signal, handler);
        }
    }

    @Override
    public void ignore(int signal) {
        enter();
        synchronized (k) {
            p.handlers.remove(signal);
            p.ignored.add(signal);
        }
    }

    @Override
    public void sleep(long millis) {
        enter();
        if (millis > 86_400_000L) {
            block(() -> false);
        }
        synchronized (k) {
            k.clock += millis;
        }
        long realEnd = System.currentTimeMillis() + 2;
        block(() -> System.currentTimeMillis() >= realEnd);
    }

    @Override
    public void pause() {
        enter();
        synchronized (k) {
            p.handled = false;
        }
        block(() -> p.handled);
    }

    @Override
    public long timeMillis() {
        enter();
        synchronized (k) {
            return k.clock;
        }
    }

    // ---- memory

    @Override
    public void allocate(long bytes) {
        enter();
        synchronized (k) {
            p.mem += bytes;
            k.memUsed += bytes;
            if (k.memUsed > k.memLimit) {
                p.killedBy = Signals.SIGKILL;
                throw new Killed();
            }
        }
    }

    @Override
    public void free(long bytes) {
        enter();
        synchronized (k) {
            long f = Math.min(bytes, p.mem);
            p.mem -= f;
            k.memUsed -= f;
        }
    }
}
