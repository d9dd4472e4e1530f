package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.trace.StatePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The traced state's parts are read from views kept on the kernel's objects (mount tables' runs, the namespaces'
 * order, each process's, link's and cgroup's view, each network namespace's routes): after any command, what they give
 * is what a read without them gives, entry for entry and in order.
 */
class StateViewCacheTest {
    private static List<Map.Entry<Object, Object>> entries(Object part) {
        return new ArrayList<>(((Map<Object, Object>) part).entrySet());
    }

    private static void forget(SimKernel k) {
        k.hostNs.mnt().table.shown = null;
        for (Namespaces.Set s : k.sandboxes.values()) {
            s.mnt().table.shown = null;
        }
        k.viewCache.namespaceOrder = null;
        for (SimProcess p : k.processesByPid()) {
            p.seen = null;
        }
        for (SimNet.NetNs ns : k.netNamespaces()) {
            ns.routesShown = null;
            ns.links.values().forEach(l -> l.view = null);
        }
        k.cgroups.groups.values().forEach(g -> g.view = null);
    }

    @Test
    void keptRunsGiveWhatAFreshReadGivesAfterEveryCommand() {
        SimKernel k = new SimKernel(Engine.DEFAULT_SEED, Programs::lookup);
        try (Engine e = Engine.on(k)) {
            String[] lines = {"docker run -d --name web -p 8080:80 nginx", "docker run -d --name db --tmpfs /run -v data:/data redis",
                    "docker run -d --name ro --read-only busybox sleep 999", "docker exec web sh -c 'mkdir -p /m && mount -t tmpfs none /m'",
                    "docker stop db", "docker rm -f ro", "docker start db", "docker network create lan",
                    "docker network connect lan db", "docker pause db", "docker unpause db", "docker network disconnect lan db",
                    "docker run --rm busybox true",
                    "docker run -d --name side --network container:web busybox sleep 999", "docker rm -f web side db"};
            int compared = 0;
            for (String line : lines) {
                Result r = e.run(line);
                assertTrue(r.ok() || line.contains("mount"), line + ": " + r.text());
                for (StatePart part : new StatePart[] {StatePart.MOUNTS, StatePart.NAMESPACES, StatePart.PROCESSES, StatePart.LINKS,
                        StatePart.CGROUPS, StatePart.ROUTES}) {
                    Object kept = StateView.part(k, part);
                    forget(k);
                    Object fresh = StateView.part(k, part);
                    assertEquals(entries(fresh), entries(kept), line + ": " + part);
                    assertEquals(new ArrayList<>(new TreeMap<>((Map<Object, Object>) fresh).keySet()),
                            new ArrayList<>(((Map<Object, Object>) fresh).keySet()), "in key order");
                    compared += ((Map<?, ?>) kept).size();
                }
            }
            assertTrue(compared > 400, "entries compared: " + compared);
        }
    }
}
