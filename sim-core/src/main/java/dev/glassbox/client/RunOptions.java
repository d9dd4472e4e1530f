package dev.glassbox.client;

import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.MountRequest;
import dev.glassbox.api.PortBinding;
import dev.glassbox.api.RestartPolicy;
import dev.glassbox.api.UsageException;
import dev.glassbox.image.ImageRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags of {@code run} and {@code create} turned into the create request's body, checked the way
 * the docker CLI checks them before it talks to the daemon. Settings the daemon validates (restart
 * policy, memory minimum) throw {@link dev.glassbox.api.DockerException} from the API records.
 */
record RunOptions(String name, String image, ContainerConfig config, HostConfig host, boolean detach, String pull,
                  List<String> attach) {

    static RunOptions from(Parsed p, boolean run) {
        return from(p, run, new MemoryWorkspace());
    }

    /** {@code ws}: the client's files, where {@code --env-file} is read and {@code -v ./dir:…} is resolved. */
    static RunOptions from(Parsed p, boolean run, Workspace ws) {
        boolean detach = run && p.bool("detach");
        List<String> attach = p.list("attach");
        if (detach && !attach.isEmpty()) {
            throw new UsageException("conflicting options: cannot specify both --attach and --detach", 1);
        }
        String image = p.args.get(0);
        String pull = p.string("pull", "missing");
        if (!Set.of("always", "missing", "never").contains(pull)) {
            throw new UsageException("docker: invalid pull option: '" + pull
                    + "': must be one of \"always\", \"missing\" or \"never\"", 125);
        }
        List<PortBinding> bindings = new ArrayList<>();
        Set<String> exposed = new LinkedHashSet<>();
        for (String spec : p.list("publish")) {
            for (PortBinding b : Ports.publish(spec)) {
                bindings.add(b);
                exposed.add(b.portKey());
            }
        }
        for (String spec : p.list("expose")) {
            exposed.addAll(Ports.expose(spec));
        }
        String network = p.string("network", p.string("net", ""));
        if ((p.changed("network") || p.changed("net")) && network.isEmpty()) {
            throw new UsageException("docker: no name set for network", 125);
        }
        String restart = p.string("restart", "no");
        boolean autoRemove = p.bool("rm");
        if (autoRemove && !restart.isEmpty() && !restart.equals("no")) {
            throw new UsageException("docker: conflicting options: cannot specify both --restart and --rm", 125);
        }
        try {
            ImageRef.parse(image);
        } catch (RuntimeException e) {
            throw new UsageException("docker: " + referenceError(image, e.getMessage()), 125);
        }
        List<String> cmd = p.args.size() > 1 ? p.args.subList(1, p.args.size()) : null;
        List<String> entrypoint = null;
        if (p.changed("entrypoint")) {
            String e = p.string("entrypoint", "");
            entrypoint = e.isEmpty() ? List.of() : List.of(e);
        }
        List<String> envs = new ArrayList<>(RunFlags.envFiles(ws, p.list("env-file")));
        envs.addAll(p.list("env"));
        ContainerConfig config = new ContainerConfig(image, cmd, entrypoint, env(envs), p.string("workdir", ""),
                p.string("hostname", ""), p.string("user", ""), new ArrayList<>(exposed), labels(p.list("label")),
                p.bool("tty"), p.bool("interactive"), p.string("stop-signal", ""), stopTimeout(p),
                p.bool("interactive") && !detach); // StdinOnce: the CLI's, for an attached -i (run -d clears it)
        long memory = p.changed("memory") ? Units.ramInBytes(p.string("memory", "0")) : 0;
        long pids = p.changed("pids-limit") ? Math.max(0, p.integer("pids-limit")) : 0;
        long cpus = p.changed("cpus") ? Units.nanoCpus(p.string("cpus", "0")) : 0;
        List<MountRequest> mounts = new ArrayList<>();
        p.list("mount").forEach(m -> mounts.add(MountOption.parse(m)));
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (String t : p.list("tmpfs")) {
            String[] kv = t.split(":", 2);
            tmpfs.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        // the CLI's own checks (cli/command/container/opts.go), before any request
        String pid = p.string("pid", "");
        String uts = p.string("uts", "");
        String ipc = p.string("ipc", "");
        if (!pid.isEmpty() && !pid.equals("host") && !(pid.startsWith("container:") && pid.length() > 10)) {
            throw new UsageException("docker: --pid: invalid PID mode", 125);
        }
        if (!uts.isEmpty() && !uts.equals("host")) {
            throw new UsageException("docker: --uts: invalid UTS mode", 125);
        }
        if (!ipc.isEmpty() && !Set.of("host", "private", "shareable", "none").contains(ipc) && !(ipc.startsWith("container:") && ipc.length() > 10)) {
            throw dev.glassbox.api.DockerException.invalid("invalid IPC mode: " + ipc); // the daemon's check, not the CLI's
        }
        HostConfig host = new HostConfig(bindings, autoRemove, RestartPolicy.parse(restart), network, memory, pids, cpus,
                RunFlags.binds(ws, p.list("volume")), p.bool("privileged"), mounts, tmpfs, p.string("userns", ""), pid, uts, ipc,
                p.bool("publish-all"), p.list("volumes-from"), p.bool("read-only"), RunFlags.caps(p.list("cap-add")),
                RunFlags.caps(p.list("cap-drop")), p.string("cpuset-cpus", ""), p.changed("cpu-shares") ? p.integer("cpu-shares") : 0,
                memorySwap(p), RunFlags.logConfig(p));
        return new RunOptions(p.string("name", ""), image, config, host, detach, pull, attach);
    }

    private static long memorySwap(Parsed p) {
        String v = p.string("memory-swap", "");
        return v.isEmpty() ? 0 : v.equals("-1") ? -1 : Units.ramInBytes(v);
    }

    /** AttachStdin as the CLI sets it: -i attaches stdin whatever -a says (a container without -i has no stdin to attach). */
    boolean attachStdin() {
        return config.openStdin();
    }

    /** Reference errors name the repository as the CLI normalises it: {@code library/UPPER}. */
    static String referenceError(String image, String message) {
        String prefix = "invalid reference format: repository name (";
        if (message.startsWith(prefix) && !image.contains("/")) {
            return message.replace("(" + image.split("[:@]")[0] + ")", "(library/" + image.split("[:@]")[0] + ")");
        }
        return message;
    }

    private static Integer stopTimeout(Parsed p) {
        Long t = p.integer("stop-timeout");
        return t == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, t));
    }

    /** KEY=VALUE as given; a bare KEY would come from the client's environment, and there is none here. */
    static List<String> env(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v.contains("=")) {
                out.add(v);
            }
        }
        return out;
    }

    static Map<String, String> labels(List<String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            out.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
        }
        return out;
    }
}
