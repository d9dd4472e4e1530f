package dev.glassbox.compose;

import dev.glassbox.api.Api;
import dev.glassbox.api.Api.ContainerSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** One compose command's run: the context, the global options, the project once loaded, and the warnings Compose logs. */
final class Session {
    final Compose.Context c;
    final Api api;
    private final ProjectLoader.Options options;
    private Project project;

    Session(Compose.Context c, ProjectLoader.Options options) {
        this.c = c;
        this.api = c.api();
        this.options = options;
    }

    Project project() {
        if (project == null) {
            project = new ProjectLoader(c.files(), this::warn).load(options);
        }
        return project;
    }

    /**
     * The project, or when there is no compose file but {@code -p} names it, the project as its containers,
     * networks and volumes on the daemon tell it (what down and stop need).
     */
    Project projectOrRunning() {
        try {
            return project();
        } catch (ComposeException e) {
            if (options.projectName().isEmpty() || !e.getMessage().startsWith("no configuration file provided")) {
                throw e;
            }
            project = RunningProject.of(this, options.projectName());
            return project;
        }
    }

    /** The project's name without reading the file when {@code -p} names it (down, ps, logs work so). */
    String projectName() {
        return options.projectName().isEmpty() ? project().name() : options.projectName();
    }

    void out(String line) {
        c.out().accept(line + "\n");
    }

    void err(String line) {
        c.err().accept(line + "\n");
    }

    /** logrus's warning as Compose prints it at a terminal. */
    void warn(String message) {
        err("WARN[0000] " + message);
    }

    Frame frame(String title) {
        return new Frame(title, c.clock());
    }

    void show(Frame f) {
        c.err().accept(f.render());
    }

    /** The project's containers (only running ones unless {@code all}), sorted by name; one-off ones left out. */
    List<ContainerSummary> containers(boolean all, List<String> services) {
        return containers(all, services, false);
    }

    /** The project's containers; with {@code oneOffs} those {@code run} made too. */
    List<ContainerSummary> containers(boolean all, List<String> services, boolean oneOffs) {
        String name = projectName();
        List<ContainerSummary> out = new ArrayList<>();
        for (ContainerSummary s : api.containers(all)) {
            Map<String, String> l = s.labels() == null ? Map.of() : s.labels();
            if (name.equals(l.get(Labels.PROJECT)) && (oneOffs || !"True".equals(l.get(Labels.ONEOFF)))
                    && (services.isEmpty() || services.contains(l.get(Labels.SERVICE)))) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(Session::name));
        return out;
    }

    static String name(ContainerSummary s) {
        String n = s.names() == null || s.names().isEmpty() ? s.id() : s.names().get(0);
        return n.startsWith("/") ? n.substring(1) : n;
    }

    static String service(ContainerSummary s) {
        return s.labels() == null ? "" : s.labels().getOrDefault(Labels.SERVICE, "");
    }

    /** {@code web-1}: the container's name without the project, as Compose's log prefixes show it. */
    static String shortName(ContainerSummary s) {
        Map<String, String> l = s.labels() == null ? Map.of() : s.labels();
        String n = name(s);
        String project = l.getOrDefault(Labels.PROJECT, "");
        return n.startsWith(project + "-") ? n.substring(project.length() + 1) : n;
    }
}
