package dev.glassbox.sim.programs.shell;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Input;
import dev.glassbox.sim.programs.Paths;
import java.util.ArrayList;
import java.util.List;

/** The shell program: options, then -c text, a script file, or commands read from stdin. */
public final class Shell {
    private Shell() {}

    public static int run(Sys sys, Flavor flavor, List<String> argv) {
        String invoked = argv.isEmpty() ? "sh" : argv.get(0);
        Interp sh = new Interp(sys, flavor, invoked);
        sh.shellName = Paths.basename(invoked);
        sh.importEnvironment();
        boolean command = false;
        boolean fromStdin = false;
        boolean interactive = false;
        int i = 1;
        for (; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--") || a.equals("-")) {
                i++;
                break;
            }
            if (a.startsWith("--")) {
                continue;
            }
            if (a.length() < 2 || (a.charAt(0) != '-' && a.charAt(0) != '+')) {
                break;
            }
            boolean on = a.charAt(0) == '-';
            for (char c : a.substring(1).toCharArray()) {
                switch (c) {
                    case 'c' -> command = true;
                    case 'e' -> sh.errexit = on;
                    case 'x' -> sh.xtrace = on;
                    case 's' -> fromStdin = true;
                    case 'i' -> interactive = on;
                    case 'o' -> i++;
                    default -> {
                        // -l, -u and friends change nothing a simulated program can see
                    }
                }
            }
        }
        String source;
        if (command) {
            if (i >= argv.size()) {
                sys.err(switch (flavor) {
                    case ASH -> invoked + ": -c requires an argument\n";
                    case DASH -> invoked + ": 0: -c requires an argument\n";
                    case BASH -> invoked + ": -c: option requires an argument\n";
                });
                return 2;
            }
            source = argv.get(i++);
            if (i < argv.size()) {
                sh.arg0 = argv.get(i++);
            }
        } else if (!fromStdin && i < argv.size()) {
            String script = argv.get(i++);
            try {
                source = sys.readText(script);
            } catch (SysError e) {
                sys.err(switch (flavor) {
                    case ASH -> invoked + ": can't open '" + script + "': " + e.getMessage() + "\n";
                    case DASH -> invoked + ": 0: cannot open " + script + ": No such file\n";
                    case BASH -> invoked + ": " + script + ": " + e.getMessage() + "\n";
                });
                return flavor == Flavor.BASH ? 127 : 2;
            }
            sh.arg0 = script;
            sh.script = true;
        } else {
            Input in = Input.of(sys);
            sh.interactive = interactive || (sys.isatty(0) && sys.isatty(2));
            if (sh.interactive || in.isStream()) {
                sh.params = new ArrayList<>(argv.subList(Math.min(i, argv.size()), argv.size()));
                sh.io = sh.io.withIn(in);
                sh.status = ShellLoop.run(sh, in);
                JobBuiltins.runExitTrap(sh);
                return sh.status;
            }
            source = sys.stdin();
            sh.io = sh.io.withIn(Input.of(""));
        }
        sh.params = new ArrayList<>(argv.subList(Math.min(i, argv.size()), argv.size()));
        try {
            sh.status = sh.runSource(source, command);
        } catch (Flow.Exit e) {
            sh.status = e.status;
        } catch (Flow.Return e) {
            sh.status = e.status;
        } catch (Flow.Loop e) {
            // break outside a loop ends nothing
        }
        JobBuiltins.runExitTrap(sh);
        return sh.status;
    }
}
