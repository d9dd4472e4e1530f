package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /_ping}, {@code /version}, {@code /info}, {@code /events}, {@code /system/df}. */
final class SystemRoutes {
    private SystemRoutes() {}

    static List<Route> routes() {
        return List.of(
                Route.of("GET", "/_ping", c -> {
                    c.api(a -> null); // the ping is a request like any other: it shows in the timeline
                    c.exchange.send(200, "text/plain; charset=utf-8", "OK".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }),
                Route.of("GET", "/version", SystemRoutes::version),
                Route.of("GET", "/info", SystemRoutes::info),
                Route.of("GET", "/events", EventStream::serve),
                Route.of("GET", "/system/df", SystemRoutes::df));
    }

    private static void version(Call c) throws IOException {
        Api.VersionInfo v = c.api(Api::version);
        Map<String, Object> details = ContainerRoutes.ordered("ApiVersion", EngineApiServer.API_VERSION, "Arch", v.arch(), "BuildTime",
                v.buildTime(), "Experimental", "false", "GitCommit", v.gitCommit(), "GoVersion", v.goVersion(), "KernelVersion",
                v.kernelVersion(), "MinAPIVersion", EngineApiServer.MIN_API_VERSION, "Os", v.os());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Platform", Map.of("Name", "glassbox Engine (" + v.kernel() + " kernel)"));
        m.put("Components", List.of(ContainerRoutes.ordered("Name", "Engine", "Version", v.version(), "Details", details)));
        m.put("Version", v.version());
        m.put("ApiVersion", EngineApiServer.API_VERSION);
        m.put("MinAPIVersion", EngineApiServer.MIN_API_VERSION);
        m.put("GitCommit", v.gitCommit());
        m.put("GoVersion", v.goVersion());
        m.put("Os", v.os());
        m.put("Arch", v.arch());
        m.put("KernelVersion", v.kernelVersion());
        m.put("BuildTime", v.buildTime());
        c.exchange.json(200, m);
    }

    private static void info(Call c) throws IOException {
        Api.SystemInfo i = c.api(Api::info);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", i.id());
        m.put("Containers", i.containers());
        m.put("ContainersRunning", i.running());
        m.put("ContainersPaused", i.paused());
        m.put("ContainersStopped", i.stopped());
        m.put("Images", i.images());
        m.put("Driver", i.driver());
        m.put("DriverStatus", i.driverStatus());
        m.put("Plugins", ContainerRoutes.ordered("Volume", List.of("local"), "Network", List.of("bridge", "host", "null"),
                "Authorization", null, "Log", List.of("json-file")));
        m.put("MemoryLimit", true);
        m.put("SwapLimit", i.swapLimit());
        m.put("CpuCfsPeriod", true);
        m.put("CpuCfsQuota", true);
        m.put("CPUShares", true);
        m.put("CPUSet", i.cpuSet());
        m.put("KernelMemory", false);
        m.put("OomKillDisable", false);
        m.put("IPv4Forwarding", true);
        m.put("Debug", false);
        m.put("NFd", 0);
        m.put("NGoroutines", 0);
        m.put("SystemTime", java.time.Instant.now().toString());
        m.put("LoggingDriver", "json-file");
        m.put("CgroupDriver", i.cgroupDriver());
        m.put("CgroupVersion", i.cgroupVersion());
        m.put("NEventsListener", 0);
        m.put("KernelVersion", i.kernelVersion());
        m.put("OperatingSystem", i.operatingSystem());
        m.put("OSVersion", "");
        m.put("OSType", i.osType());
        m.put("Architecture", i.architecture());
        m.put("IndexServerAddress", "https://index.docker.io/v1/");
        m.put("RegistryConfig", ContainerRoutes.ordered("IndexConfigs", Map.of(), "InsecureRegistryCIDRs", List.of("127.0.0.0/8"), "Mirrors", null));
        m.put("NCPU", i.ncpu());
        m.put("MemTotal", i.memTotal());
        m.put("DockerRootDir", i.dockerRootDir());
        m.put("Name", i.name());
        m.put("Labels", List.of());
        m.put("ExperimentalBuild", false);
        m.put("ServerVersion", i.serverVersion());
        m.put("Runtimes", Map.of("runc", Map.of("path", "runc")));
        m.put("DefaultRuntime", "runc");
        dev.glassbox.api.SwarmInfo w = c.api(dev.glassbox.api.Api::swarmInfo);
        m.put("Swarm", ContainerRoutes.ordered("NodeID", w.nodeId(), "NodeAddr", w.nodeAddr(), "LocalNodeState", w.localNodeState(),
                "ControlAvailable", w.controlAvailable(), "Error", "", "RemoteManagers", w.remoteManagers().isEmpty() ? null
                : w.remoteManagers().stream().map(a -> Map.of("Addr", a)).toList()));
        m.put("LiveRestoreEnabled", false);
        m.put("Isolation", "");
        m.put("InitBinary", "docker-init");
        m.put("SecurityOptions", i.securityOptions().isEmpty() ? List.of("name=seccomp,profile=builtin", "name=cgroupns")
                : i.securityOptions());
        m.put("Warnings", i.warnings());
        c.exchange.json(200, m);
    }

    private static void df(Call c) throws IOException {
        Api.DiskUsage d = c.api(Api::diskUsage);
        List<Object> images = new ArrayList<>();
        for (Api.ImageSummary i : d.images()) {
            Map<String, Object> m = ImageRoutes.summary(i);
            m.put("SharedSize", d.imageSharedSizes().getOrDefault(i.id(), 0L));
            images.add(m);
        }
        List<Object> containers = new ArrayList<>();
        for (Api.ContainerSummary s : d.containers()) {
            Map<String, Object> m = ContainerRoutes.summary(s);
            m.put("SizeRw", d.containerSizes().getOrDefault(s.id(), 0L));
            m.put("SizeRootFs", 0);
            containers.add(m);
        }
        List<Object> volumes = new ArrayList<>();
        for (Api.Volume v : d.volumes()) {
            Map<String, Object> m = VolumeRoutes.shape(v);
            m.put("UsageData", ContainerRoutes.ordered("Size", d.volumeSizes().getOrDefault(v.name(), 0L), "RefCount",
                    d.volumeRefCounts().getOrDefault(v.name(), 0)));
            volumes.add(m);
        }
        c.exchange.json(200, ContainerRoutes.ordered("LayersSize", d.layersSize(), "Images", images, "Containers", containers,
                "Volumes", volumes, "BuildCache", List.of()));
    }
}
