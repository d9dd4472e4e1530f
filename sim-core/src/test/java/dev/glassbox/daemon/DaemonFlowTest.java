package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.PortBinding;
import dev.glassbox.api.TracedApi;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.trace.Tracer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonFlowTest {
    @Test
    void runsNginxAndExecsHostname() {
        SimKernel k = new SimKernel(1, Programs::lookup);
        Tracer t = new Tracer(k::currentTimeMillis);
        k.trace(t);
        Daemon d = new Daemon(k, t, SimHub.standard());
        Api api = new TracedApi(d, t);
        api.pull("nginx", Progress.NONE);
        HostConfig hc = new HostConfig(List.of(new PortBinding("", 8080, 80, "tcp")), false, null, null, 0, 0, 0, null, false);
        String id = api.create("web", ContainerConfig.of("nginx"), hc).id();
        t.begin("docker start web", "x");
        try { api.start("web"); } catch (RuntimeException e) { e.printStackTrace(System.out); throw e; }
        var trace = t.finish();
        trace.events().forEach(e -> System.out.println(e.seq() + " " + e.parent() + " " + e.layer() + " " + e.action() + " | " + e.equivalent()));
        System.out.println(api.logs("web", true, true, null, false));
        System.out.println(api.top("web"));
        String ex = api.execCreate("web", new Api.ExecConfig(List.of("hostname"), null, null, null, false));
        Api.ExecResult r = api.execStart(ex);
        System.out.println(r);
        assertEquals(id.substring(0, 12) + "\n", r.output().get(0).text());
        api.stop("web", null, null);
        System.out.println(api.containers(true));
        System.out.println(api.logs("web", true, true, null, false));
        api.remove("web", false, false);
        assertTrue(api.containers(true).isEmpty());
    }
}
