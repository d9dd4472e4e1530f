package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL in the middle of its sessions' traffic comes back with every session: each
 * has exactly the commands that were answered (and the one in flight, whole or not at all), the same
 * containers with the same ids, and no file of the store is left half written or behind.
 */
class WebKillTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int SESSIONS = 20;
    static final String PS = "docker ps -a --no-trunc --format '{{.ID}} {{.Names}}'";

    @TempDir
    Path data;

    /** One student: creates c0, c1, … and lists them, one command after the other, writing down what was answered. */
    static final class Student implements Runnable {
        final String id;
        final List<String> answered = new CopyOnWriteArrayList<>();
        /** container name → the id its {@code docker create} printed. */
        final Map<String, String> created = new TreeMap<>();
        volatile ServerProcess server;
        volatile String inFlight;
        volatile boolean stop;

        Student(String id) {
            this.id = id;
        }

        String next() {
            int k = answered.size();
            return k % 2 == 0 ? "docker create --name c" + k + " busybox" : PS;
        }

        @Override
        public void run() {
            while (!stop) {
                String line = next();
                inFlight = line;
                HttpResponse<String> r;
                try {
                    r = server.send("POST", "/api/sessions/" + id + "/commands", JSON.createObjectNode().put("line", line).toString());
                } catch (IOException | InterruptedException e) {
                    return; // killed under it: the line is in flight
                }
                try {
                    if (r.statusCode() == 429) {
                        inFlight = null; // refused before it ran (too fast): try again in a moment
                        Thread.sleep(100);
                        continue;
                    }
                    assertEquals(200, r.statusCode(), r.body());
                    JsonNode o = JSON.readTree(r.body());
                    assertEquals(0, o.path("exitStatus").asInt(), r.body());
                    if (line.startsWith("docker create")) {
                        created.put(line.split(" ")[3], o.path("out").asText().strip());
                    } else {
                        assertEquals(expectedPs(created), sorted(o.path("out").asText()), "the answer before the kill");
                    }
                    answered.add(line);
                    inFlight = null;
                    Thread.sleep(150);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** ps lists the newest first; the ids are compared whatever the order. */
    static String sorted(String out) {
        return out.lines().sorted().map(l -> l + "\n").reduce("", String::concat);
    }

    static String expectedPs(Map<String, String> created) {
        TreeSet<String> lines = new TreeSet<>();
        created.forEach((name, id) -> lines.add(id + " " + name));
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    @Test
    void everyAnsweredCommandIsBackAfterAKillMinus9AndNoFileIsTornOrLeftBehind() throws Exception {
        List<Student> students = new ArrayList<>();
        try (ServerProcess first = ServerProcess.start(data)) {
            for (int i = 0; i < SESSIONS; i++) {
                HttpResponse<String> r = first.send("POST", "/api/sessions", "");
                assertEquals(201, r.statusCode(), r.body());
                students.add(new Student(JSON.readTree(r.body()).path("id").asText()));
            }
            trafficThenKill(first, students);
        }
        for (int round = 0; round < 2; round++) {
            try (ServerProcess again = ServerProcess.start(data)) {
                assertNoTempFiles();
                for (Student s : students) {
                    checkRestored(again, s);
                }
                if (round == 0) {
                    trafficThenKill(again, students); // the replayed sessions go on, and are killed again
                }
            }
        }
    }

    void trafficThenKill(ServerProcess server, List<Student> students) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (Student s : students) {
            s.server = server;
            s.stop = false;
            Thread t = new Thread(s, "student-" + s.id);
            t.start();
            threads.add(t);
        }
        long until = System.nanoTime() + 20_000_000_000L;
        int before = students.stream().mapToInt(s -> s.answered.size()).sum();
        while (students.stream().mapToInt(s -> s.answered.size()).sum() < before + SESSIONS * 6 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        server.kill();
        for (Thread t : threads) {
            t.join(40_000);
        }
    }

    /** The session has the answered lines, and perhaps the one in flight; its containers are those of its lines, with the ids answered. */
    void checkRestored(ServerProcess server, Student s) throws Exception {
        HttpResponse<String> info = server.send("GET", "/api/sessions/" + s.id, null);
        assertEquals(200, info.statusCode(), info.body());
        List<String> history = new ArrayList<>();
        JSON.readTree(info.body()).path("history").forEach(l -> history.add(l.asText()));
        List<String> withInFlight = new ArrayList<>(s.answered);
        if (s.inFlight != null) {
            withInFlight.add(s.inFlight);
        }
        assertTrue(history.equals(s.answered) || history.equals(withInFlight),
                "session " + s.id + ": history " + history + ", answered " + s.answered + ", in flight " + s.inFlight);
        if (history.size() > s.answered.size()) {
            s.answered.add(s.inFlight); // it ran and was kept: the student's next line comes after it
            if (s.inFlight.startsWith("docker create")) {
                String name = s.inFlight.split(" ")[3];
                String out = runOk(server, s.id, "docker inspect -f '{{.Id}}' " + name);
                s.created.put(name, out.strip());
                s.answered.add("docker inspect -f '{{.Id}}' " + name);
            }
        }
        s.inFlight = null;
        assertEquals(expectedPs(s.created), sorted(runOk(server, s.id, PS)), "session " + s.id + " after the restart");
        s.answered.add(PS);
    }

    static String runOk(ServerProcess server, String id, String line) throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/sessions/" + id + "/commands", JSON.createObjectNode().put("line", line).toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode o = JSON.readTree(r.body());
        assertEquals(0, o.path("exitStatus").asInt(), r.body());
        return o.path("out").asText();
    }

    void assertNoTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), "temp files left behind: " + names);
        }
    }
}
