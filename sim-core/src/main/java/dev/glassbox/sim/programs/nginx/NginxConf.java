package dev.glassbox.sim.programs.nginx;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.ErrnoText;
import dev.glassbox.sim.programs.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** nginx.conf: directives and blocks, include globs, and the few settings this nginx acts on. */
final class NginxConf {
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

    /** A configuration error, worded as nginx's [emerg] message. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    record Directive(String name, List<String> args, List<Directive> block, String file, int line) {
        String arg(int i, String otherwise) {
            return i < args.size() ? args.get(i) : otherwise;
        }
    }

    record Location(String prefix, boolean exact, String root, List<String> index, Integer returnCode, String returnText) {}

    record Server(List<Integer> ports, String name, String root, List<String> index, List<Location> locations,
            Map<Integer, String> errorPages) {}

    static final String DEFAULT_ROOT = "/usr/share/nginx/html";

    private static final Set<String> KNOWN = Set.of("user", "worker_processes", "error_log", "pid", "events",
            "worker_connections", "use", "multi_accept", "http", "include", "default_type", "log_format", "access_log",
            "sendfile", "tcp_nopush", "tcp_nodelay", "keepalive_timeout", "gzip", "gzip_types", "server", "listen",
            "server_name", "location", "root", "index", "error_page", "return", "try_files", "autoindex", "alias",
            "types", "proxy_pass", "proxy_set_header", "add_header", "daemon", "worker_rlimit_nofile", "charset",
            "client_max_body_size", "server_tokens", "expires", "deny", "allow", "rewrite", "resolver", "upstream",
            "master_process", "types_hash_max_size", "ssl_protocols", "ssl_prefer_server_ciphers", "stub_status");

    final String file;
    int workers = 1;
    boolean daemon = true;
    String pidFile = "/var/run/nginx.pid";
    String errorLog = "/var/log/nginx/error.log";
    String errorLevel = "error";
    String accessLog = "/var/log/nginx/access.log";
    String accessFormat = "combined";
    final Map<String, String> formats = new HashMap<>();
    /** File extension to MIME type: from the types blocks, shared by every nginx whose blocks were parsed from the same text. */
    Map<String, String> types = Map.of();
    String defaultType = "text/plain";
    final List<Server> servers = new ArrayList<>();

    private NginxConf(String file) {
        this.file = file;
        formats.put("combined", "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent "
                + "\"$http_referer\" \"$http_user_agent\"");
    }

    /** Reads the file (and its includes) plus {@code -g} directives; throws {@link Invalid} as nginx would stop. */
    static NginxConf load(Sys sys, String file, String global) {
        NginxConf c = new NginxConf(file);
        List<Directive> top = new ArrayList<>(parse(sys, file, read(sys, file, null)));
        if (global != null && !global.isBlank()) {
            top.addAll(new NginxParser(global, "command line").parse(sys, dirOf(file)));
        }
        c.apply(sys, top);
        return c;
    }

    static String read(Sys sys, String file, Directive from) {
        try {
            return sys.readText(file);
        } catch (SysError e) {
            throw new Invalid("open() \"" + file + "\" failed (" + ErrnoText.describe(e) + ")"
                    + (from == null ? "" : " in " + from.file() + ":" + from.line()));
        }
    }

    static List<Directive> parse(Sys sys, String file, String text) {
        return new NginxParser(text, file).parse(sys, dirOf(file));
    }

    static String dirOf(String file) {
        return Paths.dirname(file);
    }

    private void apply(Sys sys, List<Directive> top) {
        for (Directive d : top) {
            check(d);
            switch (d.name()) {
                case "worker_processes" -> workers = d.arg(0, "1").equals("auto") ? cpus(sys) : Integer.parseInt(d.arg(0, "1"));
                case "daemon" -> daemon = !d.arg(0, "on").equals("off");
                case "pid" -> pidFile = d.arg(0, pidFile);
                case "error_log" -> {
                    errorLog = d.arg(0, errorLog);
                    errorLevel = d.arg(1, "error");
                }
                case "http" -> http(d.block());
                default -> {
                    // events and other top-level blocks change nothing observable here
                }
            }
        }
    }

    private static void check(Directive d) {
        if (!KNOWN.contains(d.name())) {
            throw new Invalid("unknown directive \"" + d.name() + "\" in " + d.file() + ":" + d.line());
        }
        if (d.block() != null && !d.name().equals("types")) {
            d.block().forEach(NginxConf::check);
        }
    }

    /** worker_processes auto: one per CPU listed in /proc/cpuinfo, 2 when that cannot be read. */
    private static int cpus(Sys sys) {
        try {
            int n = 0;
            for (String line : sys.readText("/proc/cpuinfo").split("\n")) {
                if (line.startsWith("processor")) {
                    n++;
                }
            }
            return n > 0 ? n : 2;
        } catch (SysError e) {
            return 2;
        }
    }

    private void http(List<Directive> block) {
        String root = null;
        List<String> index = null;
        for (Directive d : block) {
            switch (d.name()) {
                case "log_format" -> formats.put(d.arg(0, ""), String.join("", d.args().subList(1, d.args().size())));
                case "access_log" -> {
                    accessLog = d.arg(0, accessLog);
                    accessFormat = d.arg(1, "combined");
                }
                case "error_log" -> {
                    errorLog = d.arg(0, errorLog);
                    errorLevel = d.arg(1, "error");
                }
                case "default_type" -> defaultType = d.arg(0, defaultType);
                case "types" -> types = types.isEmpty() ? types(d.block()) : merged(types, types(d.block()));
                case "root" -> root = d.arg(0, null);
                case "index" -> index = d.args();
                default -> {
                    // handled per server below
                }
            }
        }
        for (Directive d : block) {
            if (d.name().equals("server")) {
                servers.add(server(d.block(), root, index));
            }
        }
    }

    /** The last types block read and its map: mime.types's block, parsed once (see NginxParser), is the same list each time. */
    private static volatile Object[] lastTypes = {null, null};

    private static Map<String, String> types(List<Directive> block) {
        Object[] last = lastTypes;
        if (last[0] == block) {
            @SuppressWarnings("unchecked")
            Map<String, String> same = (Map<String, String>) last[1];
            return same;
        }
        Map<String, String> m = new HashMap<>();
        block.forEach(t -> t.args().forEach(ext -> m.put(ext, t.name())));
        Map<String, String> made = Map.copyOf(m);
        lastTypes = new Object[] {block, made};
        return made;
    }

    private static Map<String, String> merged(Map<String, String> first, Map<String, String> then) {
        Map<String, String> m = new HashMap<>(first);
        m.putAll(then);
        return m;
    }

    private static Server server(List<Directive> block, String httpRoot, List<String> httpIndex) {
        List<Integer> ports = new ArrayList<>();
        String name = "";
        String root = httpRoot;
        List<String> index = httpIndex;
        List<Location> locations = new ArrayList<>();
        Map<Integer, String> errorPages = new LinkedHashMap<>();
        for (Directive d : block) {
            switch (d.name()) {
                case "listen" -> {
                    String a = d.arg(0, "80");
                    int port = Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
                    if (!ports.contains(port)) {
                        ports.add(port);
                    }
                }
                case "server_name" -> name = d.arg(0, "");
                case "root" -> root = d.arg(0, root);
                case "index" -> index = d.args();
                case "error_page" -> {
                    String uri = d.args().get(d.args().size() - 1);
                    for (String code : d.args().subList(0, d.args().size() - 1)) {
                        if (DIGITS.matcher(code).matches()) {
                            errorPages.put(Integer.parseInt(code), uri);
                        }
                    }
                }
                default -> {
                    // locations below, other directives are not modelled
                }
            }
        }
        for (Directive d : block) {
            if (d.name().equals("location")) {
                locations.add(location(d, root, index));
            }
        }
        if (ports.isEmpty()) {
            ports.add(80);
        }
        return new Server(ports, name, root == null ? DEFAULT_ROOT : root, index == null ? List.of("index.html") : index,
                locations, errorPages);
    }

    private static Location location(Directive d, String root, List<String> index) {
        boolean exact = d.arg(0, "").equals("=");
        String prefix = exact || d.arg(0, "").equals("^~") ? d.arg(1, "/") : d.arg(0, "/");
        Integer code = null;
        String text = null;
        for (Directive x : d.block() == null ? List.<Directive>of() : d.block()) {
            switch (x.name()) {
                case "root" -> root = x.arg(0, root);
                case "index" -> index = x.args();
                case "return" -> {
                    code = Integer.parseInt(x.arg(0, "200"));
                    text = x.arg(1, null);
                }
                default -> {
                    // not modelled
                }
            }
        }
        return new Location(prefix, exact, root == null ? DEFAULT_ROOT : root, index == null ? List.of("index.html") : index,
                code, text);
    }

    List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        for (Server s : servers) {
            for (int p : s.ports()) {
                if (!ports.contains(p)) {
                    ports.add(p);
                }
            }
        }
        return ports;
    }

    Server serverFor(int port) {
        for (Server s : servers) {
            if (s.ports().contains(port)) {
                return s;
            }
        }
        return servers.get(0);
    }

    String type(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String ext = name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
            String t = types.get(ext);
            if (t != null) {
                return t;
            }
            if (types.isEmpty()) {
                t = switch (ext) {
                    case "html", "htm" -> "text/html";
                    case "css" -> "text/css";
                    case "js" -> "application/javascript";
                    case "json" -> "application/json";
                    case "txt" -> "text/plain";
                    case "png" -> "image/png";
                    case "jpg", "jpeg" -> "image/jpeg";
                    case "gif" -> "image/gif";
                    case "svg" -> "image/svg+xml";
                    case "ico" -> "image/x-icon";
                    default -> null;
                };
                if (t != null) {
                    return t;
                }
            }
        }
        return defaultType;
    }
}
