package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Arith;
import dev.glassbox.sim.programs.Globs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The shell's state and the evaluation of its syntax tree. Subshells are copies run in the same process. */
final class Interp {
    Sys sys;
    final Flavor flavor;
    String arg0;
    /** The name errors from applet-style builtins carry (busybox: the applet name, "sh"). */
    String shellName = "sh";
    List<String> params = new ArrayList<>();
    final Map<String, String> vars = new LinkedHashMap<>();
    final Set<String> exported = new LinkedHashSet<>();
    final Map<String, Node> funcs = new HashMap<>();
    final Map<String, String> aliases = new LinkedHashMap<>();
    final Set<String> shopts = new LinkedHashSet<>();
    final Map<Integer, String> traps = new HashMap<>();
    String exitTrap;
    int status;
    int substStatus;
    int lastBg;
    boolean errexit;
    boolean xtrace;
    boolean script;
    /** Reading commands from a terminal (or {@code sh -i}): prompts, Ctrl-C back to the prompt, job control. */
    boolean interactive;
    int line = 1;
    Streams io;
    /** The process's own standard streams, as the shell started (null in a subshell, which never replaces the process). */
    private Streams processStreams;
    /**
     * Set just before evaluating the last thing an {@code sh -c} shell does (ash's EV_EXIT): a program run
     * there replaces the shell instead of being forked; eval hands it on only to the node's own last part.
     */
    boolean atEnd;
    int condDepth;
    private long turns;
    /** Set by the interactive shell's SIGINT handler; shared with its subshells, which run in the same process. */
    java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
    final List<Job> jobs = new ArrayList<>();
    final Deque<Map<String, String>> locals = new ArrayDeque<>();
    final Expander expand = new Expander(this);
    final Exec exec = new Exec(this);

    /** A background child and where its captured output must go once it is waited for. */
    record Job(int pid, Streams.Route out, Streams.Route err) {}

    Interp(Sys sys, Flavor flavor, String arg0) {
        this.sys = sys;
        this.flavor = flavor;
        this.arg0 = arg0;
    }

    void importEnvironment() {
        for (String e : sys.environ()) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                vars.put(e.substring(0, eq), e.substring(eq + 1));
                exported.add(e.substring(0, eq));
            }
        }
        vars.put("PPID", Integer.toString(sys.getppid()));
        String cwd = sys.getcwd();
        if (!cwd.equals(vars.get("PWD"))) {
            vars.put("PWD", cwd);
        }
        io = Streams.of(sys);
        processStreams = io;
    }

    /** Whether a program run now may replace the shell: at the end of {@code sh -c}, no trap set, no redirection in effect. */
    boolean mayReplaceProcess(Node.Simple s) {
        return s.redirs().isEmpty() && traps.isEmpty() && exitTrap == null && io == processStreams && processStreams != null;
    }

    /** A forked child's streams: {@code own}, they are its process's own, so a program it runs last may replace it. */
    void startedAs(Streams streams, boolean own) {
        io = streams;
        processStreams = own ? streams : null;
    }

    /** A subshell: the same variables, functions and streams, changes to which stay inside it. */
    Interp copy() {
        Interp c = new Interp(sys, flavor, arg0);
        c.shellName = shellName;
        c.params = new ArrayList<>(params);
        c.vars.putAll(vars);
        c.exported.addAll(exported);
        c.funcs.putAll(funcs);
        c.traps.putAll(traps);
        c.status = status;
        c.lastBg = lastBg;
        c.errexit = errexit;
        c.xtrace = xtrace;
        c.script = script;
        c.interactive = interactive;
        c.interrupted = interrupted;
        c.line = line;
        c.io = io;
        return c;
    }

    // ---- parameters

    String param(String name) {
        switch (name) {
            case "?": return Integer.toString(status);
            case "$": return Integer.toString(sys.getpid());
            case "!": return lastBg == 0 ? "" : Integer.toString(lastBg);
            case "#": return Integer.toString(params.size());
            case "0": return arg0;
            case "-": return (errexit ? "e" : "") + (xtrace ? "x" : "");
            case "LINENO": return Integer.toString(line);
            default:
                if (Character.isDigit(name.charAt(0))) {
                    int k = Integer.parseInt(name);
                    return k >= 1 && k <= params.size() ? params.get(k - 1) : null;
                }
                return vars.get(name);
        }
    }

    /** Sets a variable: the bytes the shell's variables hold are memory its process touches ({@link Sys#data}). */
    void setVar(String name, String value) {
        String old = vars.put(name, value);
        held(value.length() - (old == null ? 0 : old.length()));
    }

    void unsetVar(String name) {
        String old = vars.remove(name);
        if (old != null) {
            held(-old.length());
        }
    }

    private void held(long delta) {
        if (delta != 0 && sys != null) {
            sys.data(delta);
        }
    }

    /** The environment handed to a child: exported variables, then the command's own assignments. */
    List<String> environment(List<String[]> assigns) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : exported) {
            String v = vars.get(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        for (String[] a : assigns) {
            env.put(a[0], a[1]);
        }
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add((k + "=" + v).intern())); // a long-running child (exec'd nginx) keeps one shared copy
        return out;
    }

    /** A foreground child ended by signal {@code sig}: ash names it ("Killed") unless it was SIGINT or SIGPIPE; bash does not. */
    void reportSignal(int sig) {
        if (sig != 0 && sig != dev.glassbox.kernel.Signals.SIGINT && sig != dev.glassbox.kernel.Signals.SIGPIPE && flavor != Flavor.BASH) {
            io.err(dev.glassbox.kernel.Signals.description(sig) + "\n");
        }
    }

    void error(String builtin, String text) {
        io.err(flavor.message(this, builtin, text));
    }

    // ---- running text

    /** Runs the text's commands one by one; a syntax error is reported when the commands before it have run (status 2). */
    int runSource(String src) {
        return runSource(src, false);
    }

    /** The same for {@code sh -c TEXT} ({@code commandString}): its last command may replace the shell. */
    int runSource(String src, boolean commandString) {
        Script script = Script.of(src);
        List<Node> commands = script.commands();
        for (int i = 0; i < commands.size(); i++) {
            atEnd = commandString && flavor.execsLastCommand() && script.error() == null && i == commands.size() - 1;
            status = eval(commands.get(i));
        }
        if (script.error() != null) {
            io.err(flavor.syntax(this, script.error()));
            status = 2;
            throw new Flow.Exit(2);
        }
        return status;
    }

    String substitute(String command) {
        StringBuilder sb = new StringBuilder();
        Interp sub = copy();
        sub.io = io.withOut(Streams.buffer(sb, sys));
        substStatus = sub.runSubshell(() -> sub.runSource(command));
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '\n') {
            end--;
        }
        return sb.substring(0, end);
    }

    String arith(String expr) {
        try {
            return Long.toString(Arith.eval(expr, this::param, this::setVar));
        } catch (Arith.Failure e) {
            error(null, e.getMessage());
            throw new Flow.Exit(2);
        }
    }

    /** Runs a body as a subshell would: exit ends only it, and a cd inside it does not leak out. */
    int runSubshell(java.util.function.IntSupplier body) {
        String cwd = sys.getcwd();
        try {
            return body.getAsInt();
        } catch (Flow.Exit e) {
            return e.status;
        } catch (Flow.Return e) {
            return e.status;
        } catch (Flow.Loop e) {
            return 0;
        } finally {
            if (!sys.getcwd().equals(cwd)) {
                try {
                    sys.chdir(cwd);
                } catch (SysError e) {
                    // the directory went away meanwhile; stay where we are
                }
            }
        }
    }

    // ---- evaluation

    int eval(Node n) {
        boolean last = atEnd;
        atEnd = false;
        boolean lastInCompound = last && flavor.execsThroughCompounds();
        if (n instanceof Node.Simple s) {
            sys.cpu();
            int st = exec.simple(s, last && mayReplaceProcess(s));
            status = st;
            checkErrexit(st);
            return st;
        }
        if (n instanceof Node.Seq seq) {
            int st = status;
            List<Node.Item> items = seq.items();
            for (int i = 0; i < items.size(); i++) {
                Node.Item item = items.get(i);
                if (item.background()) {
                    exec.background(item.node());
                    st = 0;
                } else {
                    atEnd = last && i == items.size() - 1;
                    st = eval(item.node());
                }
                status = st;
            }
            return st;
        }
        if (n instanceof Node.AndOr a) {
            int st = condition(a.left());
            status = st;
            if ((st == 0) == a.and()) {
                atEnd = lastInCompound;
                st = eval(a.right());
            }
            return st;
        }
        if (n instanceof Node.Pipeline p) {
            return pipeline(p);
        }
        if (n instanceof Node.If f) {
            for (int i = 0; i < f.conds().size(); i++) {
                if (condition(f.conds().get(i)) == 0) {
                    atEnd = lastInCompound;
                    return eval(f.thens().get(i));
                }
            }
            atEnd = lastInCompound;
            return f.otherwise() == null ? 0 : eval(f.otherwise());
        }
        if (n instanceof Node.Loop l) {
            return loop(l);
        }
        if (n instanceof Node.For f) {
            return forLoop(f);
        }
        if (n instanceof Node.Case c) {
            line = c.line();
            String word = expand.string(c.word());
            for (Node.Arm arm : c.arms()) {
                for (String p : arm.patterns()) {
                    if (Globs.matches(expand.pattern(p), word)) {
                        atEnd = lastInCompound;
                        return eval(arm.body());
                    }
                }
            }
            return 0;
        }
        if (n instanceof Node.Group g) {
            atEnd = lastInCompound;
            return eval(g.body());
        }
        if (n instanceof Node.Subshell s) {
            Interp sub = copy();
            int st = sub.runSubshell(() -> sub.eval(s.body()));
            status = st;
            checkErrexit(st);
            return st;
        }
        if (n instanceof Node.Redirected r) {
            Streams saved = io;
            try {
                io = exec.redirect(r.redirs());
            } catch (Exec.RedirectFailed e) {
                return flavor.redirectStatus();
            }
            try {
                return eval(r.body());
            } finally {
                io = saved;
            }
        }
        if (n instanceof Node.FuncDef d) {
            funcs.put(d.name(), d.body());
            return 0;
        }
        throw new IllegalStateException("unknown node " + n);
    }

    private int condition(Node n) {
        condDepth++;
        try {
            return eval(n);
        } finally {
            condDepth--;
        }
    }

    private void checkErrexit(int st) {
        if (errexit && st != 0 && condDepth == 0) {
            throw new Flow.Exit(st);
        }
    }

    /** A single command as it is; several stages at once, each in a child of its own, joined by pipes ({@link Pipeline}). */
    private int pipeline(Node.Pipeline p) {
        List<Node> stages = p.stages();
        int st;
        if (stages.size() == 1) {
            st = p.negate() ? condition(stages.get(0)) : eval(stages.get(0));
        } else {
            st = new Pipeline(this).run(stages);
        }
        if (p.negate()) {
            return st == 0 ? 1 : 0;
        }
        status = st;
        checkErrexit(st);
        return st;
    }

    private int loop(Node.Loop l) {
        int st = 0;
        while (true) {
            spin();
            int c = condition(l.cond());
            if ((c == 0) == l.until()) {
                return st;
            }
            try {
                st = eval(l.body());
            } catch (Flow.Loop e) {
                if (--e.levels > 0) {
                    throw e;
                }
                if (e.isBreak) {
                    return 0;
                }
            }
        }
    }

    /**
     * A loop that runs no command that blocks would hold the CPU for ever: every 1000 turns it spends a
     * millisecond of virtual time, so that other processes, the terminal's Ctrl-C and the engine get their turn.
     */
    private void spin() {
        checkInterrupt();
        if (++turns % 1000 == 0) {
            sys.sleep(1);
        }
    }

    /** An interactive shell that got Ctrl-C while running its own commands (a loop, builtins) drops them. */
    void checkInterrupt() {
        if (interactive && interrupted.getAndSet(false)) {
            throw new Flow.Interrupt(130);
        }
    }

    private int forLoop(Node.For f) {
        line = f.line();
        List<String> words = f.words() == null ? new ArrayList<>(params) : expand.fields(f.words());
        int st = 0;
        for (String w : words) {
            setVar(f.var(), w);
            try {
                st = eval(f.body());
            } catch (Flow.Loop e) {
                if (--e.levels > 0) {
                    throw e;
                }
                if (e.isBreak) {
                    return 0;
                }
            }
        }
        return st;
    }

    int callFunction(Node body, List<String> argv) {
        List<String> saved = params;
        params = new ArrayList<>(argv.subList(1, argv.size()));
        Map<String, String> frame = new HashMap<>();
        locals.push(frame);
        try {
            return eval(body);
        } catch (Flow.Return r) {
            return r.status;
        } finally {
            locals.pop();
            frame.forEach((k, v) -> {
                if (v == null) {
                    unsetVar(k);
                } else {
                    setVar(k, v);
                }
            });
            params = saved;
        }
    }

    /** {@code local NAME}: remembers the outer value so the function's end restores it. */
    void local(String name) {
        Map<String, String> frame = locals.peek();
        if (frame != null && !frame.containsKey(name)) {
            frame.put(name, vars.get(name));
        }
    }
}
