package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker compose cp SERVICE:SRC DEST} and {@code cp SRC SERVICE:DEST}: the service's container
 * found (from it: the first; to it: each), the copy itself {@code docker cp}'s, under Compose's
 * {@code [+] Copying} view.
 */
final class CopyFiles {
    private CopyFiles() {}

    static int run(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.value("index", ""), Flags.bool("all", ""), Flags.bool("follow-link", "L"),
                Flags.bool("archive", "a")), true);
        if (f.args.size() != 2) {
            throw new ComposeException("\"docker compose cp\" requires exactly 2 arguments.\nSee 'docker compose cp --help'.\n\n"
                    + "Usage:  docker compose cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-\n\tdocker compose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH\n\n"
                    + "Copy files/folders between a service container and the local filesystem");
        }
        String src = f.args.get(0);
        String dst = f.args.get(1);
        if (src.isEmpty()) {
            throw new ComposeException("source can not be empty");
        }
        if (dst.isEmpty()) {
            throw new ComposeException("destination can not be empty");
        }
        String[] from = split(src);
        String[] to = split(dst);
        if (from != null && to != null) {
            throw new ComposeException("copying between services is not supported");
        }
        if (from == null && to == null) {
            throw new ComposeException("unknown copy direction");
        }
        String service = from != null ? from[0] : to[0];
        List<ContainerSummary> targets = targets(s, f, service, from != null);
        Frame frame = s.frame("Copying");
        int status = 0;
        try {
            for (ContainerSummary c : targets) {
                String name = Session.name(c);
                String msg = from != null ? "copy " + name + ":" + from[1] + " to " + dst : "copy " + src + " to " + name + ":" + to[1];
                frame.step(name, Frame.Status.WORKING, msg, "Copying");
                List<String> cp = new ArrayList<>(List.of("cp", "-q"));
                if (f.bool("follow-link")) {
                    cp.add("-L");
                }
                if (f.bool("archive")) {
                    cp.add("-a");
                }
                cp.add(from != null ? name + ":" + from[1] : src);
                cp.add(from != null ? dst : name + ":" + to[1]);
                status = s.c.docker().apply(cp);
                if (status != 0) {
                    frame.step(name, Frame.Status.ERROR, msg, "Error");
                    return status;
                }
                frame.step(name, Frame.Status.DONE, msg, "Copied");
            }
        } finally {
            s.show(frame);
        }
        return status;
    }

    /** Compose's splitCpArg: {@code SERVICE:PATH}, unless the argument is a path (absolute, or starting with a dot). */
    private static String[] split(String arg) {
        if (arg.startsWith("/") || arg.startsWith(".")) {
            return null;
        }
        int colon = arg.indexOf(':');
        return colon < 0 ? null : new String[] {arg.substring(0, colon), arg.substring(colon + 1)};
    }

    private static List<ContainerSummary> targets(Session s, Flags f, String service, boolean fromService) {
        int index = 0;
        if (f.has("index")) {
            try {
                index = Integer.parseInt(f.string("index", ""));
            } catch (NumberFormatException e) {
                throw new ComposeException("invalid argument \"" + f.string("index", "") + "\" for \"--index\" flag: strconv.ParseInt: parsing \""
                        + f.string("index", "") + "\": invalid syntax");
            }
        }
        List<ContainerSummary> all = new ArrayList<>(s.containers(true, List.of(service), f.bool("all") && index <= 0));
        all.sort(java.util.Comparator.comparingInt(Up::number));
        if (index > 0) {
            String n = String.valueOf(index);
            List<ContainerSummary> one = all.stream().filter(c -> n.equals(c.labels().get(Labels.NUMBER))).limit(1).toList();
            if (one.isEmpty()) {
                throw new ComposeException("service \"" + service + "\" is not running container #" + index);
            }
            return one;
        }
        if (all.isEmpty()) {
            throw new ComposeException("no container found for service \"" + service + "\"");
        }
        return fromService ? all.subList(0, 1) : all;
    }
}
