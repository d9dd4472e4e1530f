package dev.glassbox.compose;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.client.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code docker compose}: the Compose v2 CLI as a client of the typed Engine API. It reads the compose
 * file from the client's workspace and does everything through {@link Api} calls, as Compose does
 * through the Engine API, so it runs on either kernel. Each command prints what Compose prints; a
 * failure is one line on stderr with Compose's exit status.
 */
public final class Compose {
    static final String VERSION = "v" + Labels.VERSION_VALUE;
    private static final List<Flags.Def> GLOBAL = List.of(Flags.value("file", "f"), Flags.value("project-name", "p"),
            Flags.value("project-directory", ""), Flags.value("env-file", ""), Flags.value("ansi", ""), Flags.value("progress", ""),
            Flags.bool("help", "h"), Flags.bool("version", "v"), Flags.bool("dry-run", ""), Flags.value("profile", ""),
            Flags.bool("compatibility", ""), Flags.value("parallel", ""));
    private static final Set<String> NOT_YET = Set.of("attach", "commit", "events", "export", "publish", "push", "stats", "watch",
            "alpha");

    /**
     * What a compose command works with: the API, the client's files, its two output streams, the clock,
     * {@code docker} to run a docker CLI command in the same session (what {@code compose exec} hands on),
     * {@code advance} to let a little time pass while it waits, {@code console} whether a terminal is there,
     * {@code terminal} the console a command that follows its containers holds (null without one),
     * {@code ask} a question written as it is, then the line the user types at the console: whether it is a yes.
     */
    public record Context(Api api, Workspace files, Consumer<String> out, Consumer<String> err, LongSupplier clock,
                          Function<List<String>, Integer> docker, Runnable advance, boolean console,
                          Terminal terminal, Predicate<String> ask) {}

    private Compose() {}

    /** Runs {@code docker compose ARGS}; answers the exit status. */
    public static int run(Context c, List<String> args) {
        try {
            return dispatch(c, args);
        } catch (ComposeException e) {
            c.err().accept(e.getMessage() + "\n");
            return e.exitStatus();
        } catch (DockerException e) {
            c.err().accept("Error response from daemon: " + e.getMessage() + "\n");
            return 1;
        }
    }

    private static int dispatch(Context c, List<String> args) {
        int i = 0;
        List<String> global = new ArrayList<>();
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-")) {
            String a = args.get(i++);
            global.add(a);
            boolean inline = a.contains("=") || (!a.startsWith("--") && a.length() > 2);
            if (!inline && takesValue(a) && i < args.size()) {
                global.add(args.get(i++));
            }
        }
        Flags g = Flags.parse(global, GLOBAL, true);
        if (g.bool("version")) {
            return version(c, List.of());
        }
        if (i >= args.size() || g.bool("help")) {
            c.out().accept(Usage.TEXT);
            return 0;
        }
        if (!g.string("profile", "").isEmpty()) {
            throw ComposeException.unsupported("--profile");
        }
        String sub = args.get(i);
        List<String> rest = args.subList(i + 1, args.size());
        if (wantsHelp(sub, rest)) {
            c.out().accept(Usage.of(sub));
            return 0;
        }
        ProjectLoader.Options o = new ProjectLoader.Options(g.list("file"), g.string("project-name", ""),
                g.string("project-directory", ""), g.string("env-file", ""));
        Session s = new Session(c, o);
        return switch (sub) {
            case "up" -> new Up(s).run(rest);
            case "down" -> new Down(s).run(rest);
            case "ps" -> Listing.ps(s, rest);
            case "ls" -> Listing.ls(s, rest);
            case "logs" -> Logs.run(s, rest);
            case "exec" -> ExecCommand.run(s, rest);
            case "start" -> Lifecycle.start(s, rest);
            case "stop" -> Lifecycle.stop(s, rest);
            case "restart" -> Lifecycle.restart(s, rest);
            case "pull" -> new Images(s).pull(rest);
            case "build" -> new Images(s).build(rest);
            case "config" -> ConfigView.run(s, rest);
            case "version" -> version(c, rest);
            case "run" -> new OneOff(s).run(rest);
            case "create" -> new Up(s).create(rest);
            case "rm" -> Removal.run(s, rest);
            case "kill" -> Control.kill(s, rest);
            case "pause" -> Control.pause(s, rest);
            case "unpause" -> Control.unpause(s, rest);
            case "top" -> Views.top(s, rest);
            case "images" -> Views.images(s, rest);
            case "port" -> Views.port(s, rest);
            case "wait" -> Waiter.run(s, rest);
            case "cp" -> CopyFiles.run(s, rest);
            case "scale" -> Scale.run(s, rest);
            default -> {
                if (NOT_YET.contains(sub)) {
                    throw new ComposeException("glassbox: 'docker compose " + sub + "' is not supported yet");
                }
                c.out().accept(Usage.TEXT); // as Compose: its help, then the error
                throw new ComposeException("unknown docker command: \"compose " + sub + "\"");
            }
        };
    }

    /** {@code --help} among the command's flags; after exec's SERVICE everything is the command's own. */
    private static boolean wantsHelp(String sub, List<String> rest) {
        for (String a : rest) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
            if ((sub.equals("exec") || sub.equals("run")) && !a.startsWith("-")) {
                return false;
            }
        }
        return false;
    }

    private static boolean takesValue(String flag) {
        String name = flag.startsWith("--") ? flag.substring(2) : flag.substring(1);
        return GLOBAL.stream().anyMatch(d -> d.value() && (d.name().equals(name) || d.shorthand().equals(name)));
    }

    private static int version(Context c, List<String> args) {
        Flags f = Flags.parse(args, List.of(Flags.bool("short", ""), Flags.value("format", "f")), true);
        c.out().accept(f.bool("short") ? Labels.VERSION_VALUE + "\n" : "Docker Compose version " + VERSION + "\n");
        return 0;
    }
}
