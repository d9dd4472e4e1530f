package dev.glassbox.compose;

import dev.glassbox.api.Api.LayerStatus;
import dev.glassbox.api.Api.PullResult;
import dev.glassbox.api.BuildRequest;
import dev.glassbox.api.DockerException;
import dev.glassbox.client.BuildContexts;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images a project runs: {@code docker compose pull} (each service's image from its registry),
 * {@code docker compose build} (each service with a {@code build} section, through the API's classic
 * builder, its context sent from the client's workspace), and what {@code up} does first: build or
 * pull what is missing.
 */
final class Images {
    private final Session s;

    Images(Session s) {
        this.s = s;
    }

    int pull(List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("quiet", "q"), Flags.bool("ignore-pull-failures", ""),
                Flags.bool("include-deps", ""), Flags.value("policy", ""), Flags.bool("ignore-buildable", "")), true);
        Project p = s.project();
        Frame frame = s.frame("Pulling");
        try {
            for (Service sv : p.select(f.args)) {
                if (sv.image().isEmpty()) {
                    frame.text(sv.name(), Frame.Status.DONE, "Skipped - No image to be pulled");
                } else {
                    pullOne(sv, frame);
                }
            }
        } finally {
            if (!f.bool("quiet")) {
                s.show(frame);
            }
        }
        return 0;
    }

    int build(List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("no-cache", ""), Flags.bool("pull", ""), Flags.bool("quiet", "q"),
                Flags.value("build-arg", ""), Flags.bool("with-dependencies", "")), true);
        Project p = s.project();
        List<Service> buildable = new ArrayList<>();
        for (Service sv : p.select(f.args)) {
            if (sv.build() != null) {
                buildable.add(sv);
            }
        }
        Frame frame = s.frame("Building");
        for (Service sv : buildable) {
            buildOne(p, sv, f.bool("no-cache"), f.bool("quiet"), frame);
        }
        if (!f.bool("quiet")) {
            s.show(frame);
        }
        return 0;
    }

    /** What up does before it creates anything: builds ({@code --build}, or missing) and pulls what is not there. */
    void ensure(Project p, List<Service> services, boolean build, boolean noBuild) {
        Resources r = new Resources(s);
        Frame pulls = s.frame("Running");
        try {
            for (Service sv : services) {
                boolean missing = r.imageId(sv.imageFor(p.name())) == null;
                if (sv.build() != null && (build || (missing && !noBuild))) {
                    continue;
                }
                if (missing) {
                    if (sv.image().isEmpty()) {
                        throw new ComposeException("service \"" + sv.name() + "\" has no image to run: run without --no-build");
                    }
                    pullOne(sv, pulls);
                }
            }
        } finally {
            s.show(pulls);
        }
        Frame builds = s.frame("Building");
        for (Service sv : services) {
            boolean missing = r.imageId(sv.imageFor(p.name())) == null;
            if (sv.build() != null && (build || (missing && !noBuild))) {
                buildOne(p, sv, false, false, builds);
            }
        }
        if (!builds.isEmpty()) {
            s.show(builds);
        }
    }

    private void pullOne(Service sv, Frame frame) {
        frame.text(sv.name(), Frame.Status.WORKING, "Pulling");
        PullResult result;
        try {
            result = s.api.pull(sv.image(), null);
        } catch (DockerException e) {
            frame.text(sv.name(), Frame.Status.ERROR, "Error");
            throw e;
        }
        for (LayerStatus l : result.layers()) {
            frame.child(sv.name(), l.id(), Frame.Status.DONE, l.status());
        }
        frame.text(sv.name(), Frame.Status.DONE, "Pulled");
    }

    private void buildOne(Project p, Service sv, boolean noCache, boolean quiet, Frame frame) {
        String context = sv.build().context();
        FileStat st = s.c.files().stat(context);
        if (st == null) {
            throw new ComposeException("unable to prepare context: path \"" + context + "\" not found");
        }
        if (st.type() != FileEntry.Type.DIR) {
            throw new ComposeException("unable to prepare context: context must be a directory: " + context);
        }
        String dockerfile = sv.build().dockerfile();
        if (s.c.files().stat(Paths.resolve(context, dockerfile)) == null) {
            throw new ComposeException("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat "
                    + Paths.resolve(context, dockerfile) + ": no such file or directory");
        }
        List<FileEntry> files = BuildContexts.read(s.c.files(), context, dockerfile);
        BuildRequest req = new BuildRequest(files, dockerfile, List.of(sv.imageFor(p.name())), sv.build().args(),
                noCache || sv.build().noCache(), sv.build().target(), quiet, Map.of(Labels.PREFIX + "image.builder", "classic"));
        frame.status(sv.name(), Frame.Status.WORKING, "Building");
        if (!quiet) {
            s.out(BuildContexts.sendingLine(files));
        }
        try {
            s.api.build(req, chunk -> {
                if (!quiet) {
                    s.c.out().accept(chunk);
                }
            });
        } catch (DockerException e) {
            frame.status(sv.name(), Frame.Status.ERROR, "Error");
            throw new ComposeException(e.getMessage().startsWith("The command")
                    ? e.getMessage() : "Error response from daemon: " + e.getMessage());
        }
        frame.status(sv.name(), Frame.Status.DONE, "Built");
    }
}
