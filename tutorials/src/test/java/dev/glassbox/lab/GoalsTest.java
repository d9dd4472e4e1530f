package dev.glassbox.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each kind of goal on the sim kernel: met by the state it names, and one sentence saying what is missing otherwise. */
class GoalsTest {
    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    private static Verdict check(Engine e, Goal g) {
        Verdict v = g.check(new Probe(e, Set.of()));
        assertEquals(1, (v.missing() + "x").lines().count(), "one line: " + v.missing());
        return v;
    }

    private static void unmet(Engine e, Goal g, String sentence) {
        Verdict v = check(e, g);
        assertFalse(v.met(), g.describe());
        assertEquals(sentence, v.missing());
    }

    private static void met(Engine e, Goal g) {
        Verdict v = check(e, g);
        assertTrue(v.met(), g.describe() + ": " + v.missing());
    }

    @Test
    void container() {
        try (Engine e = Engine.sim()) {
            ContainerGoal web = new ContainerGoal(null, null, "web", "running", "nginx", null, null, null);
            unmet(e, web, "no container is named web; `docker ps -a` lists none");
            ok(e, "docker run -d --name other busybox sleep 100");
            unmet(e, web, "no container is named web; `docker ps -a` lists: other (running busybox)");
            ok(e, "docker create --name web nginx");
            unmet(e, web, "web is created, not running");
            ok(e, "docker start web");
            met(e, web);
            unmet(e, new ContainerGoal(null, null, "web", null, "nginx:1.27", null, null, null), "web runs the image nginx, not nginx:1.27");
            unmet(e, new ContainerGoal(null, null, "web", "absent", null, null, null, null), "a container named web is still there (running): the step wants it gone");
            unmet(e, new ContainerGoal(null, null, "web", null, null, null, null, "always"), "web's restart policy is no, not always");
            assertEquals(3, e.run("docker run --name oops busybox sh -c 'exit 3'").exitStatus());
            unmet(e, new ContainerGoal(null, null, "oops", null, null, 0, null, null), "oops exited with code 3, not with code 0");
            met(e, new ContainerGoal(null, null, "oops", "exited", "busybox:latest", 3, false, null));
        }
    }

    @Test
    void oomKilled() {
        try (Engine e = Engine.sim()) {
            e.run("docker run --name hog -m 32m busybox sh -c 'head -c 67108864 /dev/zero | tail'");
            met(e, new ContainerGoal(null, null, "hog", "exited", null, 137, true, null));
            ok(e, "docker run --name calm busybox true");
            unmet(e, new ContainerGoal(null, null, "calm", null, null, null, true, null), "calm was not killed by the OOM killer (its state: exited)");
        }
    }

    @Test
    void port() {
        try (Engine e = Engine.sim()) {
            PortGoal p = new PortGoal(null, null, 8080, "web", 80, null);
            ok(e, "docker run -d --name web nginx");
            unmet(e, p, "web does not publish its port 80/tcp (docker run -p HOST:80 publishes it)");
            ok(e, "docker rm -f web");
            ok(e, "docker run -d --name web -p 8081:80 nginx");
            unmet(e, p, "web publishes its port 80 on host port 8081, not 8080");
            ok(e, "docker stop web");
            unmet(e, p, "web is exited: a port reaches only a running container");
            ok(e, "docker rm web");
            ok(e, "docker run -d --name web -p 8080:80 nginx");
            met(e, p);
        }
    }

    @Test
    void file() {
        try (Engine e = Engine.sim()) {
            FileGoal f = new FileGoal(null, null, "web", "/usr/share/nginx/html/index.html", "Hello, class", null, null);
            ok(e, "docker run -d --name web nginx");
            Verdict v = check(e, f);
            assertFalse(v.met());
            assertTrue(v.missing().startsWith("/usr/share/nginx/html/index.html in web does not contain \"Hello, class\"; it begins: \""), v.missing());
            ok(e, "docker exec web sh -c 'echo Hello, class > /usr/share/nginx/html/index.html'");
            met(e, f);
            unmet(e, new FileGoal(null, null, "web", "/nope", null, null, null), "there is no file /nope in web");
            met(e, new FileGoal(null, null, "web", "/nope", null, null, true));
            met(e, new FileGoal(null, null, "web", "/etc/nginx/nginx.conf", null, "^\\s*worker_processes", null));
        }
    }

    @Test
    void traceGoalsAreMetByTheLabsLatchNotByTheCommandTyped() {
        try (Engine e = Engine.sim()) {
            TraceGoal t = new TraceGoal(null, null, "kernel", null, "DNAT");
            ok(e, "docker run -d --name web -p 8080:80 nginx");
            assertTrue(t.seenIn(e.lastTrace()));
            ok(e, "docker ps");
            assertFalse(t.seenIn(e.lastTrace()));
            assertEquals("no command of this step has traced a step in the kernel layer matching DNAT yet (`trace` shows the last command's steps)",
                    t.check(new Probe(e, Set.of())).missing());
            assertTrue(t.check(new Probe(e, Set.of(t.id()))).met());
        }
    }

    @Test
    void volume() {
        try (Engine e = Engine.sim()) {
            VolumeGoal v = new VolumeGoal(null, null, "data", "/note.txt", "kept", true, null);
            unmet(e, v, "no volume is named data; `docker volume ls` lists none");
            ok(e, "docker run -d --name box -v data:/data busybox sleep 100");
            unmet(e, v, "container box still uses volume data");
            ok(e, "docker rm -f box");
            unmet(e, v, "volume data holds no file note.txt");
            ok(e, "docker run --rm -v data:/data busybox sh -c 'echo kept > /data/note.txt'");
            met(e, v);
        }
    }

    @Test
    void reach() {
        try (Engine e = Engine.sim()) {
            ReachGoal r = new ReachGoal(null, null, "a1", "a2");
            ok(e, "docker run -d --name a1 busybox sleep 1000");
            ok(e, "docker run -d --name a2 busybox sleep 1000");
            unmet(e, r, "a1 and a2 share only bridge, which has no DNS by name: put both on a user-defined network");
            ok(e, "docker network create appnet");
            ok(e, "docker network connect appnet a1");
            unmet(e, r, "a1 and a2 share only bridge, which has no DNS by name: put both on a user-defined network");
            ok(e, "docker network connect appnet a2");
            met(e, r);
            ok(e, "docker stop a2");
            unmet(e, r, "a2 is exited: only running containers answer");
        }
    }

    @Test
    void imageNetworkAndInspect() {
        try (Engine e = Engine.sim()) {
            unmet(e, new ImageGoal(null, null, "busybox:latest", null), "no image busybox:latest is stored here; `docker images` lists none");
            ok(e, "docker pull busybox");
            met(e, new ImageGoal(null, null, "busybox", null));
            ok(e, "docker tag busybox mine:1");
            met(e, new ImageGoal(null, null, "mine:1", null));
            unmet(e, new ImageGoal(null, null, "busybox", true), "the image busybox is still stored here");
            NetworkGoal n = new NetworkGoal(null, null, "appnet", "bridge", List.of("box"), null);
            assertTrue(check(e, n).missing().startsWith("no network is named appnet; `docker network ls` lists bridge, host, none"), check(e, n).missing());
            ok(e, "docker network create appnet");
            ok(e, "docker run -d --name box busybox sleep 100");
            unmet(e, n, "box is not connected to appnet");
            ok(e, "docker network connect appnet box");
            met(e, n);
            ok(e, "docker run -d --name lim -m 64m busybox sleep 100");
            met(e, new InspectGoal(null, null, "lim", null, null, null, "HostConfig.Memory", "67108864", null));
            unmet(e, new InspectGoal(null, null, "box", null, null, null, "HostConfig.Memory", "67108864", null), "box's HostConfig.Memory is 0, not 67108864");
            unmet(e, new InspectGoal(null, null, "zz", null, null, null, "HostConfig.Memory", "1", null),
                    "no container is named zz; `docker ps -a` lists: lim (running busybox), box (running busybox)");
        }
    }

    @Test
    void commandRunsWithoutATraceOfItsOwn() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web nginx");
            var trace = e.lastTrace();
            CommandGoal c = new CommandGoal(null, null, "docker exec web cat /etc/hostname", "^[0-9a-f]{12}$", null);
            met(e, c);
            assertEquals(trace, e.lastTrace());
            unmet(e, new CommandGoal(null, null, "docker exec web cat /nope", null, 0),
                    "`docker exec web cat /nope` exits with status 1, not 0: cat: can't open '/nope': No such file or directory");
        }
    }
}
