package dev.glassbox.sim.programs.busybox;

import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Applet;
import dev.glassbox.sim.programs.Io;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Printing;
import dev.glassbox.sim.programs.Tool;
import dev.glassbox.sim.programs.shell.Flavor;
import dev.glassbox.sim.programs.shell.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The busybox multi-call binary: it runs the applet named by argv[0] (or argv[1] after "busybox"). */
public final class Busybox {
    private static final Map<String, Applet> APPLETS = new TreeMap<>();

    static {
        APPLETS.put("sh", t -> Shell.run(t.sys, Flavor.ASH, withName(t)));
        APPLETS.put("ash", t -> Shell.run(t.sys, Flavor.ASH, withName(t)));
        APPLETS.put("echo", t -> {
            t.out(Printing.echo(t.args, false));
            return 0;
        });
        APPLETS.put("printf", TextTools::printf);
        APPLETS.put("test", t -> TextTools.test(t, false));
        APPLETS.put("[", t -> TextTools.test(t, true));
        APPLETS.put("true", t -> 0);
        APPLETS.put("false", t -> 1);
        APPLETS.put("cat", FileTools::cat);
        APPLETS.put("tty", TermTools::tty);
        APPLETS.put("stty", TermTools::stty);
        APPLETS.put("mkdir", FileTools::mkdir);
        APPLETS.put("rmdir", FileTools::rmdir);
        APPLETS.put("rm", FileTools::rm);
        APPLETS.put("touch", FileTools::touch);
        APPLETS.put("cp", FileTools::cp);
        APPLETS.put("mv", FileTools::mv);
        APPLETS.put("ln", FileTools::ln);
        APPLETS.put("chmod", FileTools::chmod);
        APPLETS.put("chown", Chown::run);
        APPLETS.put("readlink", FileTools::readlink);
        APPLETS.put("basename", FileTools::basename);
        APPLETS.put("dirname", FileTools::dirname);
        APPLETS.put("ls", Ls::run);
        APPLETS.put("stat", FileInfo::stat);
        APPLETS.put("find", Find::run);
        APPLETS.put("du", FileInfo::du);
        APPLETS.put("which", FileInfo::which);
        APPLETS.put("head", Head::head);
        APPLETS.put("tail", TextTools::tail);
        APPLETS.put("wc", TextTools::wc);
        APPLETS.put("cut", TextTools::cut);
        APPLETS.put("tr", TextTools::tr);
        APPLETS.put("tee", TextTools::tee);
        APPLETS.put("seq", TextTools::seq);
        APPLETS.put("yes", TextTools::yes);
        APPLETS.put("grep", Filters::grep);
        APPLETS.put("egrep", Filters::grep);
        APPLETS.put("fgrep", Filters::grep);
        APPLETS.put("sort", Filters::sort);
        APPLETS.put("uniq", Filters::uniq);
        APPLETS.put("xargs", ProcTools::xargs);
        APPLETS.put("hexdump", FileInfo::hexdump);
        APPLETS.put("ps", ProcTools::ps);
        APPLETS.put("top", ProcTools::top);
        APPLETS.put("kill", ProcTools::kill);
        APPLETS.put("pidof", ProcTools::pidof);
        APPLETS.put("sleep", ProcTools::sleep);
        APPLETS.put("env", ProcTools::env);
        APPLETS.put("printenv", ProcTools::printenv);
        APPLETS.put("pwd", t -> {
            t.outln(t.sys.getcwd());
            return 0;
        });
        APPLETS.put("id", SystemTools::id);
        APPLETS.put("whoami", SystemTools::whoami);
        APPLETS.put("hostname", SystemTools::hostname);
        APPLETS.put("uname", SystemTools::uname);
        APPLETS.put("date", SystemTools::date);
        APPLETS.put("free", SystemTools::free);
        APPLETS.put("mount", SystemTools::mount);
        APPLETS.put("df", SystemTools::df);
        APPLETS.put("nproc", SystemTools::nproc);
        APPLETS.put("uptime", SystemTools::uptime);
        APPLETS.put("ip", NetTools::ip);
        APPLETS.put("ifconfig", NetTools::ifconfig);
        APPLETS.put("route", NetTools::route);
        APPLETS.put("netstat", NetInfo::netstat);
        APPLETS.put("nslookup", NetInfo::nslookup);
        APPLETS.put("wget", Wget::run);
        APPLETS.put("nc", Nc::run);
        APPLETS.put("ping", Ping::run);
    }

    private Busybox() {}

    private static List<String> withName(Tool t) {
        List<String> argv = new ArrayList<>();
        argv.add(t.name);
        argv.addAll(t.args);
        return argv;
    }

    public static boolean has(String name) {
        return APPLETS.containsKey(name);
    }

    public static List<String> names() {
        return List.copyOf(APPLETS.keySet());
    }

    public static int main(Sys sys) {
        List<String> argv = sys.argv();
        String name = Paths.basename(argv.isEmpty() ? "busybox" : argv.get(0));
        List<String> args = argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
        if (name.equals("busybox")) {
            if (args.isEmpty() || args.get(0).equals("--help")) {
                sys.out(usage());
                return 0;
            }
            if (args.get(0).equals("--list")) {
                sys.out(String.join("\n", names()) + "\n");
                return 0;
            }
            return run(sys, args.get(0), args.get(0), args.subList(1, args.size()));
        }
        return run(sys, name, argv.get(0), args);
    }

    /** A standalone binary of one applet (Debian's /bin/ls): dispatched by its own name, not argv[0]. */
    public static int standalone(Sys sys, String applet) {
        List<String> argv = sys.argv();
        return run(sys, applet, argv.isEmpty() ? applet : argv.get(0), argv.isEmpty() ? List.of() : argv.subList(1, argv.size()));
    }

    private static int run(Sys sys, String applet, String argv0, List<String> args) {
        Applet a = APPLETS.get(applet);
        if (a == null) {
            sys.err(applet + ": applet not found\n");
            return 127;
        }
        String name = applet.equals("sh") || applet.equals("ash") ? argv0 : applet;
        return a.run(new Tool(sys, Io.of(sys), name, args));
    }

    private static String usage() {
        StringBuilder sb = new StringBuilder("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n"
                + "BusyBox is copyrighted by many authors between 1998-2015.\n"
                + "Licensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\n"
                + "Usage: busybox [function [arguments]...]\n   or: busybox --list\n   or: function [arguments]...\n\n"
                + "\tBusyBox is a multi-call binary that combines many common Unix\n"
                + "\tutilities into a single executable.\n\nCurrently defined functions:\n");
        sb.append('\t').append(String.join(", ", names())).append("\n");
        return sb.toString();
    }
}
