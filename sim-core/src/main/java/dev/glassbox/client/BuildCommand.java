package dev.glassbox.client;

import dev.glassbox.api.BuildRequest;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker build} as the docker 28 CLI runs the legacy builder (DOCKER_BUILDKIT=0): the deprecation
 * notice, the context read from the client's own files with {@code .dockerignore} applied, its size as
 * the tar the CLI sends, then the daemon's stream. An error before the first step is the daemon's answer
 * ({@code Error response from daemon: …}); one during the build is printed as it is, with the exit status
 * it carries (a failing RUN's code).
 */
final class BuildCommand {
    static final String LEGACY_NOTICE = "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n"
            + "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n"
            + "            environment-variable.\n\n";
    private static final Pattern NON_ZERO = Pattern.compile("returned a non-zero code: (\\d+)");

    private BuildCommand() {}

    static int build(Session s, Parsed p) {
        for (String f : BuildSpec.UNSUPPORTED) {
            if (p.changed(f)) {
                s.err("glassbox: docker build --" + f + " is not supported yet");
                return 1;
            }
        }
        String path = p.args.get(0);
        if (path.equals("-") || path.contains("://") || path.startsWith("git@")) {
            s.err("glassbox: a build context from standard input or a URL is not supported; give a directory");
            return 1;
        }
        String progress = p.string("progress", "auto");
        if (!List.of("auto", "tty", "plain", "quiet", "rawjson").contains(progress)) {
            s.err("invalid argument \"" + progress + "\" for \"--progress\" flag");
            return 125;
        }
        Workspace ws = s.workspace;
        String dir = ws.resolve(path);
        FileStat st = ws.stat(dir);
        if (st == null) {
            s.err("unable to prepare context: path \"" + path + "\" not found");
            return 1;
        }
        if (st.type() != FileEntry.Type.DIR) {
            s.err("unable to prepare context: context must be a directory: " + dir);
            return 1;
        }
        String given = p.string("file", "");
        String dockerfile = given.isEmpty() ? dir + "/Dockerfile" : ws.resolve(given);
        if (ws.stat(dockerfile) == null) {
            s.err("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat " + dockerfile + ": no such file or directory");
            return 1;
        }
        List<FileEntry> tree = ws.tree(dir);
        String rel;
        if (dockerfile.startsWith(dir + "/")) {
            rel = dockerfile.substring(dir.length() + 1);
        } else {
            rel = ".dockerfile." + Integer.toHexString(dockerfile.hashCode() & 0xfffff);
            tree = new ArrayList<>(tree);
            tree.add(FileEntry.file(rel, 0644, ws.readFile(dockerfile)));
        }
        FileStat ignore = ws.stat(dir + "/.dockerignore");
        if (ignore != null && ignore.type() == FileEntry.Type.FILE) {
            tree = new Dockerignore(new String(ws.readFile(dir + "/.dockerignore"), StandardCharsets.UTF_8), rel).filter(tree);
        }
        boolean quiet = p.bool("quiet");
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : p.list("build-arg")) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                args.put(a.substring(0, eq), a.substring(eq + 1));
            } // a bare NAME takes its value from the client's environment, which glassbox's client has not: it is not sent
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String l : p.list("label")) {
            int eq = l.indexOf('=');
            labels.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        for (String t : p.list("tag")) {
            ImageCommands.reference(t);
        }
        boolean plain = progress.equals("plain");
        // byte for byte what the docker 28 CLI writes when its output is not a terminal: the last progress update, "\r", then "\r\n"
        String sending = "Sending build context to Docker daemon " + String.format("%8s", Units.humanSize(tarSize(tree), 4)) + "\r\r\n";
        if (!quiet && !plain) {
            s.out.append(sending);
        }
        BuildRequest req = new BuildRequest(tree, rel, p.list("tag"), args, p.bool("no-cache"), p.string("target", ""), quiet, labels);
        boolean[] started = {false};
        PlainProgress view = plain ? new PlainProgress(s, rel, tarSize(tree)) : null;
        String id;
        try {
            id = s.api.build(req, chunk -> {
                started[0] = true;
                if (!quiet) { // with -q the daemon sends none of its lines
                    if (view != null) {
                        view.accept(chunk);
                    } else {
                        s.out.append(chunk);
                    }
                    s.showOnConsole(); // at a terminal each line shows as the build writes it
                }
            });
        } catch (DockerException e) {
            if (view != null) {
                view.failed(e.getMessage());
            }
            if (quiet) {
                s.err.append(sending); // what -q held back: the context's progress, as the CLI prints it on failure
            }
            if (!started[0]) {
                s.err(Session.daemonError(e));
                return 1;
            }
            s.err(e.getMessage());
            Matcher m = NON_ZERO.matcher(e.getMessage());
            return m.find() ? Integer.parseInt(m.group(1)) : 1;
        }
        if (view != null) {
            view.finish(id);
        }
        if (quiet) {
            s.out(id);
        }
        return 0;
    }

    /** The size of the tar the CLI would send: a 512-byte header per entry, data padded to 512, two zero blocks at the end. */
    static long tarSize(List<FileEntry> entries) {
        long n = 1024;
        for (FileEntry e : entries) {
            n += 512;
            if (e.type() == FileEntry.Type.FILE) {
                n += (e.size() + 511) / 512 * 512;
            }
        }
        return n;
    }
}
