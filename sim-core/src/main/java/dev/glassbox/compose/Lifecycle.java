package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docker compose start|stop|restart [SERVICE...]}: the existing containers, in dependency order (stop in reverse). */
final class Lifecycle {
    private Lifecycle() {}

    static int start(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("wait", ""), Flags.value("wait-timeout", "")), true);
        Project p = s.project();
        List<Service> services = Order.up(p, p.select(f.args), false);
        Map<String, List<String>> names = new LinkedHashMap<>();
        List<ContainerSummary> all = s.containers(true, List.of());
        List<Service> present = new ArrayList<>();
        for (Service sv : services) {
            List<String> mine = all.stream().filter(c -> Session.service(c).equals(sv.name())).map(Session::name).toList();
            if (!mine.isEmpty()) {
                names.put(sv.name(), mine);
                present.add(sv);
            }
        }
        if (present.isEmpty()) {
            throw new ComposeException("service \"" + services.get(0).name() + "\" has no container to start");
        }
        Frame frame = s.frame("Running");
        try {
            new Starter(s, frame).start(p, present, names);
        } finally {
            s.show(frame);
        }
        return 0;
    }

    static int stop(Session s, List<String> argv) {
        return stop(s, argv, () -> { });
    }

    /** {@code beforeEach}: what the client does before each stop request (attached up watches for a second Ctrl-C). */
    static int stop(Session s, List<String> argv, Runnable beforeEach) {
        Flags f = Flags.parse(argv, List.of(Flags.value("timeout", "t")), true);
        Integer timeout = f.has("timeout") ? seconds(f.string("timeout", "")) : null;
        Frame frame = s.frame("Stopping");
        try {
            for (ContainerSummary c : ordered(s, f.args, true)) {
                beforeEach.run();
                String id = "Container " + Session.name(c);
                frame.status(id, Frame.Status.WORKING, "Stopping");
                try {
                    s.api.stop(c.id(), timeout, null);
                } catch (DockerException e) {
                    if (e.kind() != ErrorKind.NOT_MODIFIED) {
                        frame.status(id, Frame.Status.ERROR, "Error while Stopping");
                        throw e;
                    }
                }
                frame.status(id, Frame.Status.DONE, "Stopped");
            }
        } finally {
            s.show(frame);
        }
        return 0;
    }

    static int restart(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.value("timeout", "t"), Flags.bool("no-deps", "")), true);
        Integer timeout = f.has("timeout") ? seconds(f.string("timeout", "")) : null;
        Frame frame = s.frame("Restarting");
        try {
            for (ContainerSummary c : ordered(s, f.args, false)) {
                String id = "Container " + Session.name(c);
                frame.status(id, Frame.Status.WORKING, "Restarting");
                s.api.restart(c.id(), timeout);
                frame.status(id, Frame.Status.DONE, "Started");
            }
        } finally {
            s.show(frame);
        }
        return 0;
    }

    /** The project's containers of the named services (all when none), in dependency order or its reverse. */
    private static List<ContainerSummary> ordered(Session s, List<String> names, boolean reverse) {
        Project p = s.projectOrRunning();
        List<Service> services = reverse ? Order.down(p, p.select(names)) : Order.up(p, p.select(names), false);
        List<ContainerSummary> all = s.containers(true, List.of());
        List<ContainerSummary> out = new ArrayList<>();
        for (Service sv : services) {
            all.stream().filter(c -> Session.service(c).equals(sv.name())).forEach(out::add);
        }
        return out;
    }

    static Integer seconds(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ComposeException("invalid argument \"" + v + "\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \""
                    + v + "\": invalid syntax");
        }
    }
}
