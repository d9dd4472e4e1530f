package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker compose scale SERVICE=N…} and {@code up --scale SERVICE=N}: a service runs N containers,
 * {@code app-web-1}, {@code app-web-2}, …; scaling down stops and removes the highest numbers first.
 */
final class Scale {
    private Scale() {}

    static int run(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("no-deps", "")), true);
        if (f.args.isEmpty()) {
            throw new ComposeException("requires at least 1 arg(s), only received 0");
        }
        Map<String, Integer> scale = new LinkedHashMap<>();
        for (String a : f.args) {
            String[] kv = a.split("=", -1);
            if (kv.length != 2) {
                throw new ComposeException("invalid scale specifier: " + a);
            }
            try {
                scale.put(kv[0], Integer.parseInt(kv[1]));
            } catch (NumberFormatException e) {
                throw new ComposeException("invalid scale specifier: can't parse replica value as int: " + a);
            }
        }
        Project p = s.project();
        List<Service> chosen = p.select(new ArrayList<>(scale.keySet()));
        List<Service> services = Order.up(p, chosen, !f.bool("no-deps"));
        new Images(s).ensure(p, services, false, false);
        Frame frame = s.frame("Running");
        Map<String, List<String>> names = new LinkedHashMap<>();
        try {
            Up up = new Up(s);
            up.bring(p, services, frame, new Up.Convergence(false, false, scale), names);
            new Starter(s, frame).start(p, services, names);
        } finally {
            s.show(frame);
        }
        return 0;
    }

    /** {@code --scale} options of up and create: each {@code SERVICE=NUM}, the service checked to exist. */
    static Map<String, Integer> parse(Project p, List<String> options) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String o : options) {
            String[] kv = o.split("=", -1);
            if (kv.length != 2) {
                throw new ComposeException("invalid --scale option \"" + o + "\". Should be SERVICE=NUM");
            }
            int n;
            try {
                n = Integer.parseInt(kv[1]);
            } catch (NumberFormatException e) {
                throw new ComposeException("strconv.Atoi: parsing \"" + kv[1] + "\": invalid syntax");
            }
            p.service(kv[0]);
            out.put(kv[0], n);
        }
        return out;
    }

    /** A surplus container on scaling down. */
    static void remove(Session s, ContainerSummary c, Frame frame) {
        Down.stopAndRemove(s, c, null, false, frame);
    }
}
