package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker compose exec [-T] SERVICE COMMAND}: finds the service's running container and hands the
 * rest to {@code docker exec}, with a terminal and input ({@code -it}) when the user has a console and
 * did not pass {@code -T}, as Compose does.
 */
final class ExecCommand {
    private ExecCommand() {}

    static int run(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("no-TTY", "T"), Flags.bool("detach", "d"), Flags.value("env", "e"),
                Flags.value("user", "u"), Flags.value("workdir", "w"), Flags.value("index", ""), Flags.bool("privileged", ""),
                Flags.bool("interactive", "i"), Flags.bool("tty", "t")), false);
        if (f.args.size() < 2) {
            throw new ComposeException(f.args.isEmpty() ? "requires at least 2 arg(s), only received 0"
                    : "requires at least 2 arg(s), only received 1");
        }
        String service = f.args.get(0);
        s.project().service(service);
        String index = f.string("index", "1");
        if (!index.matches("[0-9]{1,9}")) {
            throw new ComposeException("invalid argument \"" + index + "\" for \"--index\" flag: strconv.ParseInt: parsing \"" + index
                    + "\": invalid syntax");
        }
        ContainerSummary target = null;
        for (ContainerSummary c : s.containers(false, List.of(service))) {
            if (String.valueOf(Integer.parseInt(index)).equals(c.labels().get(Labels.NUMBER))) {
                target = c;
            }
        }
        if (target == null) {
            throw new ComposeException("service \"" + service + "\" is not running");
        }
        List<String> docker = new ArrayList<>(List.of("exec"));
        boolean detach = f.bool("detach");
        if (!detach && s.c.console() && !f.bool("no-TTY")) {
            docker.add("-i");
            docker.add("-t");
        }
        if (detach) {
            docker.add("-d");
        }
        for (String e : f.list("env")) {
            docker.add("-e");
            docker.add(e);
        }
        if (f.has("user")) {
            docker.add("-u");
            docker.add(f.string("user", ""));
        }
        if (f.has("workdir")) {
            docker.add("-w");
            docker.add(f.string("workdir", ""));
        }
        if (f.bool("privileged")) {
            docker.add("--privileged");
        }
        docker.add(Session.name(target));
        docker.addAll(f.args.subList(1, f.args.size()));
        return s.c.docker().apply(docker);
    }
}
