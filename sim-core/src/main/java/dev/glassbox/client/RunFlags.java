package dev.glassbox.client;

import dev.glassbox.api.LogConfig;
import dev.glassbox.api.UsageException;
import dev.glassbox.kernel.FileStat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The run/create flags the docker CLI itself works out before the create request: {@code --env-file}
 * read from the client's files, capabilities normalised ({@code net_admin} → {@code CAP_NET_ADMIN}),
 * {@code --log-opt} checked against {@code --log-driver}, and {@code -v ./dir:/path} made absolute
 * against the client's working directory (Docker 23+).
 */
final class RunFlags {
    private RunFlags() {}

    /** The files' variables in order, as docker/cli's opts.ParseEnvFile reads them; a bare KEY takes the client's (empty) environment. */
    static List<String> envFiles(Workspace ws, List<String> files) {
        List<String> out = new ArrayList<>();
        for (String name : files) {
            out.addAll(envFile(name, read(ws, name)));
        }
        return out;
    }

    private static String read(Workspace ws, String name) {
        FileStat st = ws.stat(name);
        if (st == null) {
            throw new UsageException("docker: open " + name + ": no such file or directory", 125);
        }
        if (st.type() == dev.glassbox.image.FileEntry.Type.DIR) {
            throw new UsageException("docker: read " + name + ": is a directory", 125);
        }
        return new String(ws.readFile(name), StandardCharsets.UTF_8);
    }

    static List<String> envFile(String name, String text) {
        List<String> out = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (String raw : body.split("\r?\n", -1)) {
            String line = raw.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String variable = (eq < 0 ? line : line.substring(0, eq)).replaceAll("^[ \t]+", "");
            if (variable.contains(" ") || variable.contains("\t")) {
                throw new UsageException("docker: invalid env file (" + name + "): variable '" + variable + "' contains whitespaces", 125);
            }
            if (variable.isEmpty()) {
                throw new UsageException("docker: invalid env file (" + name + "): no variable name on line '" + line + "'", 125);
            }
            if (eq >= 0) {
                out.add(variable + "=" + line.substring(eq + 1));
            }
        }
        return out;
    }

    /** {@code --cap-add}/{@code --cap-drop} as the CLI sends them: upper case, {@code CAP_} prefixed (not ALL), once each, sorted. */
    static List<String> caps(List<String> given) {
        TreeSet<String> out = new TreeSet<>();
        for (String c : given) {
            String n = c.strip().toUpperCase(Locale.ROOT);
            out.add(n.equals("ALL") || n.startsWith("CAP_") ? n : "CAP_" + n);
        }
        return new ArrayList<>(out);
    }

    static LogConfig logConfig(Parsed p) {
        String driver = p.string("log-driver", "");
        List<String> opts = p.list("log-opt");
        if (driver.equals("none") && !opts.isEmpty()) {
            throw new UsageException("docker: invalid logging opts for driver none", 125);
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (String o : opts) {
            int eq = o.indexOf('=');
            config.put(eq < 0 ? o : o.substring(0, eq), eq < 0 ? "" : o.substring(eq + 1));
        }
        return new LogConfig(driver, config);
    }

    /** {@code -v SRC:DST}: a source starting with '.' is made absolute against the working directory, as the CLI does. */
    static List<String> binds(Workspace ws, List<String> volumes) {
        List<String> out = new ArrayList<>();
        for (String v : volumes) {
            int colon = v.indexOf(':');
            if (colon > 0 && v.startsWith(".")) {
                out.add(ws.resolve(v.substring(0, colon)) + v.substring(colon));
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
