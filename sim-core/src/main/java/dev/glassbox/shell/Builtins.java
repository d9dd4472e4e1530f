package dev.glassbox.shell;

import dev.glassbox.Result;
import dev.glassbox.api.UsageException;
import dev.glassbox.client.Workspace;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few shell commands a docker course needs around the client's working directory, acting on the
 * {@link Workspace}: {@code cd}, {@code pwd}, {@code ls}, {@code cat} and {@code mkdir [-p]}, with the
 * messages and exit statuses of bash and GNU coreutils. Nothing else of a shell is here.
 */
final class Builtins {
    static final List<String> NAMES = List.of("cd", "pwd", "ls", "cat", "mkdir");
    /** The most bytes {@code cat} shows. */
    static final int MAX_CAT = 1 << 20;

    private final Workspace ws;
    private final Tracer tracer;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    Builtins(Workspace ws, Tracer tracer) {
        this.ws = ws;
        this.tracer = tracer;
    }

    Result run(List<String> words) {
        List<String> args = words.subList(1, words.size());
        int status;
        try (Tracer.Span s = tracer.open(Layer.CLIENT, null, words.get(0), String.join(" ", words), "The shell itself runs "
                + words.get(0) + " on the client's own files, in " + ws.cwd() + "; the docker daemon takes no part.", String.join(" ", words))) {
            status = switch (words.get(0)) {
                case "cd" -> cd(args);
                case "pwd" -> pwd();
                case "ls" -> ls(args);
                case "cat" -> cat(args);
                default -> mkdir(args);
            };
        } catch (UsageException e) {
            err.append(e.getMessage()).append('\n');
            status = e.exitStatus();
        }
        return new Result(out.toString(), err.toString(), status);
    }

    private int cd(List<String> args) {
        if (args.size() > 1) {
            return fail("cd: too many arguments", 1);
        }
        String target = args.isEmpty() ? ws.home() : args.get(0);
        FileStat st = ws.stat(followed(target));
        if (st == null) {
            return fail("cd: " + target + ": No such file or directory", 1);
        }
        if (st.type() != FileEntry.Type.DIR) {
            return fail("cd: " + target + ": Not a directory", 1);
        }
        ws.cd(followed(target));
        return 0;
    }

    /** A symlink at the path, followed once (a link to a directory is where {@code cd} goes). */
    private String followed(String path) {
        FileStat st = ws.stat(path);
        if (st == null || st.type() != FileEntry.Type.SYMLINK) {
            return path;
        }
        String abs = ws.resolve(path);
        return st.link().startsWith("/") ? st.link() : abs.substring(0, abs.lastIndexOf('/') + 1) + st.link();
    }

    private int pwd() {
        out.append(ws.cwd()).append('\n');
        return 0;
    }

    private int ls(List<String> args) {
        boolean all = false;
        List<String> paths = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1) {
                for (char f : a.substring(1).toCharArray()) {
                    if (f == 'a') {
                        all = true;
                    } else if (f != '1') {
                        return fail("ls: invalid option -- '" + f + "'\nglassbox: this ls knows -a and -1 only", 2);
                    }
                }
            } else {
                paths.add(a);
            }
        }
        if (paths.isEmpty()) {
            paths.add(".");
        }
        int status = 0;
        List<String> dirs = new ArrayList<>();
        for (String p : paths) {
            FileStat st = ws.stat(followed(p));
            if (st == null) {
                err.append("ls: cannot access '").append(p).append("': No such file or directory\n");
                status = 2;
            } else if (st.type() == FileEntry.Type.DIR) {
                dirs.add(p);
            } else {
                out.append(p).append('\n');
            }
        }
        boolean headers = paths.size() > 1;
        for (String d : dirs) {
            if (headers) {
                out.append(out.length() > 0 ? "\n" : "").append(d).append(":\n");
            }
            if (all) {
                out.append(".\n..\n");
            }
            for (String name : ws.list(followed(d))) {
                if (all || !name.startsWith(".")) {
                    out.append(name).append('\n');
                }
            }
        }
        return status;
    }

    private int cat(List<String> args) {
        if (args.isEmpty()) {
            return fail("glassbox: cat: name a file (there is no input to read here)", 1);
        }
        int status = 0;
        for (String f : args) {
            FileStat st = ws.stat(followed(f));
            if (st == null) {
                err.append("cat: ").append(f).append(": No such file or directory\n");
                status = 1;
            } else if (st.type() == FileEntry.Type.DIR) {
                err.append("cat: ").append(f).append(": Is a directory\n");
                status = 1;
            } else if (st.size() > MAX_CAT) {
                err.append("glassbox: cat: ").append(f).append(" is larger than ").append(MAX_CAT >> 20).append(" MiB; it is not shown here\n");
                status = 1;
            } else {
                out.append(new String(ws.readFile(followed(f)), StandardCharsets.UTF_8));
            }
        }
        return status;
    }

    private int mkdir(List<String> args) {
        boolean parents = false;
        List<String> dirs = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-p") || a.equals("--parents")) {
                parents = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                return fail("mkdir: invalid option -- '" + a.charAt(1) + "'\nglassbox: this mkdir knows -p only", 1);
            } else {
                dirs.add(a);
            }
        }
        if (dirs.isEmpty()) {
            return fail("mkdir: missing operand\nTry 'mkdir --help' for more information.", 1);
        }
        int status = 0;
        for (String d : dirs) {
            String problem = problem(d, parents);
            if (problem != null) {
                err.append("mkdir: cannot create directory '").append(d).append("': ").append(problem).append('\n');
                status = 1;
            } else if (ws.stat(d) == null) {
                ws.mkdirs(d);
            }
        }
        return status;
    }

    /** Why mkdir cannot make the directory, or null. */
    private String problem(String dir, boolean parents) {
        String abs = ws.resolve(dir);
        FileStat here = ws.stat(abs);
        if (here != null) {
            return parents && here.type() == FileEntry.Type.DIR ? null : "File exists";
        }
        String at = "";
        for (String part : abs.substring(1).split("/")) {
            FileStat st = ws.stat(at.isEmpty() ? "/" : at);
            if (st != null && st.type() != FileEntry.Type.DIR) {
                return "Not a directory";
            }
            if (st == null && !parents) {
                return "No such file or directory";
            }
            at = at + "/" + part;
        }
        return null;
    }

    private int fail(String message, int status) {
        err.append(message).append('\n');
        return status;
    }
}
