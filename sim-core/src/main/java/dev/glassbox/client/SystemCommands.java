package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code docker version} and {@code docker info}: the client's own facts, then the daemon's. */
final class SystemCommands {
    static final String CLIENT_VERSION = "28.2.2";
    static final String CLIENT_COMMIT = "e6534b4";

    private SystemCommands() {}

    static int version(Session s, Parsed p) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("Version", CLIENT_VERSION);
        client.put("ApiVersion", Api.API_VERSION);
        client.put("DefaultAPIVersion", Api.API_VERSION);
        client.put("GitCommit", CLIENT_COMMIT);
        client.put("GoVersion", "go1.24.3");
        client.put("Os", "linux");
        client.put("Arch", "amd64");
        client.put("BuildTime", "Fri May 30 12:07:14 2025");
        client.put("Context", "default");
        String format = p.string("format", "");
        Api.VersionInfo v;
        try {
            v = s.api.version();
        } catch (DockerException e) {
            if (format.isEmpty()) {
                s.out.append(clientText(client));
            }
            s.err(Session.daemonError(e));
            return 1;
        }
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("Platform", Map.of("Name", platform(v.kernel())));
        server.put("Version", v.version());
        server.put("ApiVersion", v.apiVersion());
        server.put("MinAPIVersion", v.minApiVersion());
        server.put("GitCommit", v.gitCommit());
        server.put("GoVersion", v.goVersion());
        server.put("Os", v.os());
        server.put("Arch", v.arch());
        server.put("KernelVersion", v.kernelVersion());
        server.put("BuildTime", v.buildTime());
        if (!format.isEmpty()) {
            return formatted(s, format, Map.of("Client", client, "Server", server));
        }
        s.out.append(clientText(client)).append('\n')
                .append("Server: ").append(platform(v.kernel())).append('\n')
                .append(" Engine:\n")
                .append("  Version:          ").append(v.version()).append('\n')
                .append("  API version:      ").append(v.apiVersion()).append(" (minimum version ").append(v.minApiVersion())
                .append(")\n")
                .append("  Go version:       ").append(v.goVersion()).append('\n')
                .append("  Git commit:       ").append(v.gitCommit()).append('\n')
                .append("  Built:            ").append(v.buildTime()).append('\n')
                .append("  OS/Arch:          ").append(v.os()).append('/').append(v.arch()).append('\n')
                .append("  Experimental:     false\n");
        return 0;
    }

    private static String platform(String kernel) {
        String k = kernel == null || kernel.isEmpty() ? "sim" : kernel;
        return "glassbox Engine - " + (k.endsWith("kernel") ? k : k + " kernel");
    }

    private static String clientText(Map<String, Object> c) {
        return "Client:\n"
                + " Version:           " + c.get("Version") + "\n"
                + " API version:       " + c.get("ApiVersion") + "\n"
                + " Go version:        " + c.get("GoVersion") + "\n"
                + " Git commit:        " + c.get("GitCommit") + "\n"
                + " Built:             " + c.get("BuildTime") + "\n"
                + " OS/Arch:           " + c.get("Os") + "/" + c.get("Arch") + "\n"
                + " Context:           " + c.get("Context") + "\n";
    }

    private static int formatted(Session s, String format, Object data) {
        if (format.equals("json")) {
            s.out(GoJson.compact(data));
            return 0;
        }
        Template t;
        try {
            t = Template.parse(format);
        } catch (Template.TemplateException e) {
            throw new UsageException("template parsing error: " + e.getMessage(), InspectCommand.TEMPLATE_PARSE_STATUS);
        }
        try {
            s.out(t.execute(data));
        } catch (Template.TemplateException e) {
            throw new UsageException(e.getMessage(), 1);
        }
        return 0;
    }

    static int info(Session s, Parsed p) {
        Api.SystemInfo i = s.api.info();
        String format = p.string("format", "");
        if (!format.isEmpty()) {
            return formatted(s, format, infoMap(i, s.api.swarmInfo()));
        }
        StringBuilder b = new StringBuilder();
        b.append("Client:\n")
                .append(" Version:    ").append(CLIENT_VERSION).append('\n')
                .append(" Context:    default\n")
                .append(" Debug Mode: false\n\n")
                .append("Server:\n")
                .append(" Containers: ").append(i.containers()).append('\n')
                .append("  Running: ").append(i.running()).append('\n')
                .append("  Paused: ").append(i.paused()).append('\n')
                .append("  Stopped: ").append(i.stopped()).append('\n')
                .append(" Images: ").append(i.images()).append('\n')
                .append(" Server Version: ").append(i.serverVersion()).append('\n')
                .append(" Storage Driver: ").append(i.driver()).append('\n')
                .append(" Cgroup Driver: ").append(i.cgroupDriver()).append('\n')
                .append(" Cgroup Version: ").append(i.cgroupVersion()).append('\n')
                .append(swarm(s.api.swarmInfo()))
                .append(securityOptions(i))
                .append(" Kernel Version: ").append(i.kernelVersion()).append('\n')
                .append(" Operating System: ").append(i.operatingSystem()).append('\n')
                .append(" OSType: ").append(i.osType()).append('\n')
                .append(" Architecture: ").append(i.architecture()).append('\n')
                .append(" CPUs: ").append(i.ncpu()).append('\n')
                .append(" Total Memory: ").append(Units.bytesSize(i.memTotal())).append('\n')
                .append(" Name: ").append(i.name()).append('\n')
                .append(" ID: ").append(i.id()).append('\n')
                .append(" Docker Root Dir: ").append(i.dockerRootDir()).append('\n')
                .append(" Debug Mode: false\n")
                .append(" Experimental: false\n")
                .append(" Live Restore Enabled: false\n");
        s.out.append(b);
        if (!i.warnings().isEmpty()) {
            s.err(String.join("\n", i.warnings()));
        }
        return 0;
    }

    /** The swarm lines of {@code docker info}, as the docker CLI prints them (swarmkit's defaults for a cluster made by swarm init). */
    private static String swarm(dev.glassbox.api.SwarmInfo w) {
        if (!w.active()) {
            return " Swarm: inactive\n";
        }
        StringBuilder b = new StringBuilder(" Swarm: active\n  NodeID: " + w.nodeId() + "\n  Is Manager: " + w.controlAvailable() + "\n");
        if (w.controlAvailable()) {
            b.append("  ClusterID: ").append(w.clusterId()).append("\n  Managers: ").append(w.managers()).append("\n  Nodes: ").append(w.nodes())
                    .append("\n  Default Address Pool: 10.0.0.0/8  \n  SubnetSize: 24\n  Data Path Port: 4789\n  Orchestration:\n"
                    + "   Task History Retention Limit: 5\n  Raft:\n   Snapshot Interval: 10000\n   Number of Old Snapshots to Retain: 0\n"
                    + "   Heartbeat Tick: 1\n   Election Tick: 10\n  Dispatcher:\n   Heartbeat Period: 5 seconds\n  CA Configuration:\n"
                    + "   Expiry Duration: 3 months\n   Force Rotate: 0\n  Autolock Managers: false\n  Root Rotation In Progress: false\n");
        }
        b.append("  Node Address: ").append(w.nodeAddr()).append('\n');
        if (!w.remoteManagers().isEmpty()) {
            b.append("  Manager Addresses:\n");
            w.remoteManagers().forEach(m -> b.append("   ").append(m).append('\n'));
        }
        return b.toString();
    }

    /** The docker CLI lists each "name=NAME,key=value" option by its name, and leaves the heading out when there is none. */
    private static String securityOptions(Api.SystemInfo i) {
        if (i.securityOptions().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" Security Options:\n");
        for (String o : i.securityOptions()) {
            String name = o.split(",")[0];
            b.append("  ").append(name.startsWith("name=") ? name.substring(5) : name).append('\n');
        }
        return b.toString();
    }

    private static Map<String, Object> infoMap(Api.SystemInfo i, dev.glassbox.api.SwarmInfo w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", i.id());
        m.put("Containers", i.containers());
        m.put("ContainersRunning", i.running());
        m.put("ContainersPaused", i.paused());
        m.put("ContainersStopped", i.stopped());
        m.put("Images", i.images());
        m.put("Driver", i.driver());
        m.put("CgroupDriver", i.cgroupDriver());
        m.put("CgroupVersion", i.cgroupVersion());
        m.put("KernelVersion", i.kernelVersion());
        m.put("OperatingSystem", i.operatingSystem());
        m.put("OSType", i.osType());
        m.put("Architecture", i.architecture());
        m.put("NCPU", i.ncpu());
        m.put("MemTotal", i.memTotal());
        m.put("Name", i.name());
        m.put("ServerVersion", i.serverVersion());
        m.put("DockerRootDir", i.dockerRootDir());
        m.put("SecurityOptions", i.securityOptions());
        m.put("SwapLimit", i.swapLimit());
        m.put("CPUSet", i.cpuSet());
        m.put("Warnings", i.warnings());
        Map<String, Object> swarm = new LinkedHashMap<>();
        swarm.put("NodeID", w.nodeId());
        swarm.put("NodeAddr", w.nodeAddr());
        swarm.put("LocalNodeState", w.localNodeState());
        swarm.put("ControlAvailable", w.controlAvailable());
        swarm.put("Managers", w.managers());
        swarm.put("Nodes", w.nodes());
        m.put("Swarm", swarm);
        return m;
    }
}
