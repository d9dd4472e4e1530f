package dev.glassbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The teacher's run flow from issue #2, end to end on the sim kernel. */
class EngineFlowTest {
    private static int indexOf(Trace t, String what, Predicate<TraceEvent> p) {
        for (TraceEvent e : t.events()) {
            if (p.test(e)) {
                return e.seq();
            }
        }
        throw new AssertionError("no trace event for " + what);
    }

    private static Predicate<TraceEvent> kernel(Subsystem s, String action) {
        return e -> e.layer() == Layer.KERNEL && e.subsystem() == s && e.action().equals(action);
    }

    @Test
    void runDetachedPullsCreatesAndStartsThroughEveryLayerInOrder() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker run -d -p 8080:80 --name web nginx");
            assertEquals(0, r.exitStatus(), r.text());
            assertTrue(r.out().matches("[0-9a-f]{64}\n"), r.out());
            assertTrue(r.err().startsWith("Unable to find image 'nginx:latest' locally\n"), r.err());
            Trace t = e.lastTrace();
            List<Integer> order = new ArrayList<>();
            order.add(indexOf(t, "create request", ev -> ev.layer() == Layer.API && ev.object().startsWith("POST /v1.50/containers/create")
                    && t.events().stream().anyMatch(x -> x.layer() == Layer.REGISTRY)));
            order.add(indexOf(t, "manifest", ev -> ev.layer() == Layer.REGISTRY && ev.object().contains("/manifests/latest")));
            order.add(indexOf(t, "overlay", kernel(Subsystem.UNIONFS, "mount overlay")));
            order.add(indexOf(t, "clone", kernel(Subsystem.PROCESS, "clone")));
            order.add(indexOf(t, "pid namespace", kernel(Subsystem.NAMESPACE, "new pid namespace")));
            order.add(indexOf(t, "cgroup", kernel(Subsystem.CGROUP, "mkdir")));
            order.add(indexOf(t, "cgroup membership", kernel(Subsystem.CGROUP, "attach")));
            order.add(indexOf(t, "veth", kernel(Subsystem.NETWORK, "create veth")));
            order.add(indexOf(t, "bridge", kernel(Subsystem.NETWORK, "attach to bridge")));
            order.add(indexOf(t, "address", ev -> kernel(Subsystem.NETWORK, "add address").test(ev) && ev.object().equals("eth0")));
            order.add(indexOf(t, "DNAT", kernel(Subsystem.NETWORK, "add DNAT rule")));
            order.add(indexOf(t, "proc", kernel(Subsystem.UNIONFS, "mount proc")));
            order.add(indexOf(t, "pivot_root", kernel(Subsystem.UNIONFS, "pivot_root")));
            order.add(indexOf(t, "execve", kernel(Subsystem.PROCESS, "execve")));
            List<Integer> sorted = new ArrayList<>(order);
            sorted.sort(null);
            assertEquals(sorted, order, "kernel steps happen in the runtime's order: namespaces, cgroup membership, network, rootfs, exec");
            List<String> runtimeSteps = t.events().stream().filter(ev -> ev.layer() == Layer.RUNTIME).map(TraceEvent::action).toList();
            assertEquals(List.of("runc create", "snapshot", "namespaces", "cgroup", "network", "rootfs", "runc start"), runtimeSteps);
            assertTrue(t.events().get(indexOf(t, "DNAT", kernel(Subsystem.NETWORK, "add DNAT rule"))).equivalent()
                    .contains("--dport 8080 -j DNAT --to-destination 172.17.0.2:80"));

            String id = r.out().trim();
            assertEquals(e.state(), t.stateAt(t.events().size() - 1), "replaying every step's changes gives the state after the command");
            int mkdir = indexOf(t, "cgroup", kernel(Subsystem.CGROUP, "mkdir"));
            assertTrue(t.stateAt(mkdir - 1).at("/host/cgroups").isEmpty(), "before the mkdir step there is no cgroup");
            assertEquals(1, t.stateAt(mkdir).at("/host/cgroups").size(), "after it, the container's cgroup");
            assertEquals(t.stateAt(mkdir - 1), t.undo(t.stateAt(mkdir), mkdir), "stepping back undoes exactly that step");
            TraceEvent clone = t.events().get(indexOf(t, "clone", kernel(Subsystem.PROCESS, "clone")));
            assertTrue(clone.changes().stream().anyMatch(c -> c.path().startsWith("/host/processes/") && c.before() == null),
                    "the clone step is the one that adds the container's first process");
            Result ps = e.run("docker ps");
            assertTrue(ps.out().contains("0.0.0.0:8080->80/tcp"), ps.out());
            assertTrue(ps.out().contains(" web\n"), ps.out());
            assertTrue(e.run("docker logs web").text().contains("Configuration complete; ready for start up"));
            assertEquals(id.substring(0, 12) + "\n", e.run("docker exec web hostname").out());
            Result stop = e.run("docker stop web && docker rm web");
            assertEquals("web\nweb\n", stop.out(), stop.text());
            assertEquals(1, e.run("docker ps -a").out().lines().count(), "only the header is left");
            JsonNode host = e.state().get("host");
            assertEquals(0, host.get("nat").size(), "no NAT rule left");
            assertTrue(host.get("cgroups").isEmpty(), "no cgroup left");
            assertTrue(host.get("links").toString().indexOf("veth") < 0, "no veth left");
        }
    }

    @Test
    void theSameScriptGivesTheSameOutputAndTrace() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> script = List.of("docker run -d --name web nginx", "docker ps", "docker exec web ps", "docker stop web", "docker ps -a",
                "docker network create app", "docker volume create data", "docker run --name box --network app -v data:/data -v /cache busybox "
                        + "sh -c 'echo hi > /data/f; touch /tmp/x'", "docker diff box", "docker commit -m note box mine", "docker save -o m.tar mine",
                "docker rm -v box", "docker rmi mine", "docker load -i m.tar", "docker network rm app", "docker volume ls");
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (List<String> out : List.of(a, b)) {
            try (Engine e = Engine.sim()) {
                for (String line : script) {
                    out.add(e.run(line).text());
                    out.add(json.writeValueAsString(e.lastTrace()));
                }
            }
        }
        assertEquals(a, b);
    }

    @Test
    void refusalsChangeNothing() {
        try (Engine e = Engine.sim()) {
            e.run("docker run -d --name web nginx");
            JsonNode before = e.state().get("daemon");
            Result dup = e.run("docker run -d --name web nginx");
            assertEquals(125, dup.exitStatus());
            assertTrue(dup.err().startsWith("docker: Error response from daemon: Conflict. The container name \"/web\" is already in use by container \""), dup.err());
            Result rm = e.run("docker rm web");
            assertEquals(1, rm.exitStatus());
            assertTrue(rm.err().contains("cannot remove container \"/web\": container is running"), rm.err());
            assertEquals(125, e.run("docker run -p 80:abc nginx").exitStatus());
            assertEquals(125, e.run("docker run nosuchimage").exitStatus());
            assertEquals(1, e.run("docker frobnicate").exitStatus());
            Result volume = e.run("docker run -v data:/data:xyz busybox true");
            assertEquals(125, volume.exitStatus());
            assertEquals("docker: Error response from daemon: invalid mode: xyz\n\nRun 'docker run --help' for more information\n", volume.err());
            Result it = e.run("docker run -it busybox sh");
            assertEquals("the input device is not a TTY\n", it.err(), "no console: docker's refusal, before anything is created");
            assertEquals(1, it.exitStatus());
            assertEquals(before, e.state().get("daemon"));
        }
    }

    @Test
    void execDetachedStartsTheCommandAndReturnsWhileItRuns() {
        try (Engine e = Engine.sim()) {
            assertEquals(0, e.run("docker run -d --name tt busybox sleep 60").exitStatus());
            Result d = e.run("docker exec -d tt sleep 61");
            assertEquals(0, d.exitStatus(), d.text());
            assertEquals("", d.text());
            assertTrue(e.run("docker ps").out().contains(" Up "), "exec -d did not wait for its sleep 61: the container still runs");
            Result top = e.run("docker top tt");
            assertTrue(top.out().contains("sleep 61"), top.out());
            Result missing = e.run("docker exec -d tt nope");
            assertEquals(1, missing.exitStatus());
            assertEquals("Error response from daemon: OCI runtime exec failed: exec failed: unable to start container process: exec: \"nope\":"
                    + " executable file not found in $PATH: unknown\n", missing.err());
            String exec = e.api().execCreate("tt", new dev.glassbox.api.Api.ExecConfig(List.of("sh", "-c", "exit 3"), List.of(), "", "", false));
            e.api().execStartDetached(exec);
            e.run("docker exec tt sleep 1"); // time passes
            assertEquals(Integer.valueOf(3), e.api().execInspect(exec).exitCode(), "its exit is recorded once the kernel reports it");
            assertEquals(false, e.api().execInspect(exec).running());
        }
    }

    @Test
    void aContainerThatExitsAtOnceKeepsItsExitCode() {
        try (Engine e = Engine.sim()) {
            e.run("docker run -d --name quick busybox sh -c 'exit 5'");
            assertEquals("5\n", e.run("docker wait quick").out());
            assertEquals("5\n", e.run("docker inspect -f '{{.State.ExitCode}}' quick").out());
            e.run("docker run --name attached busybox false");
            assertEquals("1\n", e.run("docker inspect -f '{{.State.ExitCode}}' attached").out());
        }
    }

    @Test
    void packetTraceListsEachHopOfAPublishedPortConnection() {
        try (Engine e = Engine.sim()) {
            e.run("docker run -d --name web -p 8080:80 nginx");
            e.run("docker run -d --name cli busybox sleep 300");
            Result r = e.run("packet trace cli 172.17.0.1:8080");
            assertEquals(0, r.exitStatus(), r.text());
            List<String> hops = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+.*")).map(l -> l.trim().split("\\s{2,}")[1]).toList();
            // ! -i docker0: the DNAT rule skips a container's packets; docker-proxy, on the host's addresses, takes the connection
            assertEquals(List.of("route", "veth", "proxy", "route", "bridge forward", "veth", "connected"), hops, r.out());
            Result none = e.run("packet trace cli 172.17.0.9");
            assertEquals(1, none.exitStatus());
            assertTrue(none.out().contains("no answer"), none.out());
            assertEquals(2, e.run("packet trace cli").exitStatus(), "usage");
        }
    }

    @Test
    void userFlagSetsTheProcessUid() {
        try (Engine e = Engine.sim()) {
            assertEquals("1000\n", e.run("docker run --rm -u 1000 busybox id -u").out());
            assertEquals("0\n", e.run("docker run --rm busybox id -u").out());
        }
    }

    @Test
    void crossContainerTrafficCrossesTheBridgeAndAPublishedPortOnTheGatewayGoesThroughTheProxy() {
        try (Engine e = Engine.sim()) {
            e.run("docker run -d -p 8080:80 --name web nginx");
            Result direct = e.run("docker run --rm busybox wget -qO- http://172.17.0.2/");
            assertTrue(direct.out().contains("Welcome to nginx!"), direct.text());
            Result viaHostPort = e.run("docker run --rm busybox wget -qO- http://172.17.0.1:8080/");
            assertTrue(viaHostPort.out().contains("Welcome to nginx!"), viaHostPort.text());
            List<String> actions = e.lastTrace().events().stream().map(TraceEvent::action).toList();
            assertTrue(actions.contains("proxy") && !actions.contains("DNAT") && actions.contains("bridge forward"), actions.toString());
            assertTrue(e.run("docker logs web").out().contains("\"GET / HTTP/1.1\" 200"), "nginx logged both requests");
            e.run("docker stop web");
            Result refused = e.run("docker run --rm busybox wget -qO- http://172.17.0.2/");
            assertEquals(1, refused.exitStatus(), refused.text());
        }
    }

    @Test
    void foregroundRunPrintsOutputAndExitsWithTheContainersStatus() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker run --rm busybox sh -c 'echo $$; hostname; exit 3'");
            assertEquals(3, r.exitStatus(), r.text());
            assertTrue(r.out().startsWith("1\n"), r.out());
            assertEquals(1, e.run("docker ps -a").out().lines().count(), "--rm removed it");
            Result missing = e.run("docker run busybox nosuchcommand");
            assertEquals(127, missing.exitStatus(), missing.text());
            assertTrue(missing.err().contains("executable file not found in $PATH"), missing.err());
        }
    }
}
