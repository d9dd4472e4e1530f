package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** {@code /images/…}: pull and import, list, inspect, history, tag, remove, push, save and load, prune. */
final class ImageRoutes {
    private static final AtomicLong TRANSFERS = new AtomicLong();

    private ImageRoutes() {}

    static List<Route> routes() {
        return List.of(
                Route.of("POST", "/images/create", ImageRoutes::create),
                Route.of("GET", "/images/json", ImageRoutes::list),
                Route.of("GET", "/images/get", ImageRoutes::save),
                Route.of("POST", "/images/load", ImageRoutes::load),
                Route.of("POST", "/images/prune", c -> {
                    Filters f = Filters.parse(c.request.param("filters"));
                    f.allow("dangling", "label", "until");
                    boolean all = f.get("dangling").contains("false") || f.get("dangling").contains("0");
                    Api.Pruned p = c.api(a -> a.pruneImages(all));
                    List<Map<String, String>> deleted = new ArrayList<>();
                    for (String d : p.deleted()) {
                        int colon = d.indexOf(": ");
                        deleted.add(colon < 0 ? Map.of("Deleted", d)
                                : Map.of(d.startsWith("untagged") ? "Untagged" : "Deleted", d.substring(colon + 2)));
                    }
                    c.exchange.json(200, ContainerRoutes.ordered("ImagesDeleted", deleted.isEmpty() ? null : deleted, "SpaceReclaimed",
                            p.spaceReclaimed()));
                }),
                Route.of("GET", "/images/{name*}/json", c -> c.exchange.json(200, c.api(a -> a.inspectImage(c.path("name"))))),
                Route.of("GET", "/images/{name*}/history", ImageRoutes::history),
                Route.of("GET", "/images/{name*}/get", c -> saveNames(c, List.of(c.path("name")))),
                Route.of("POST", "/images/{name*}/tag", ImageRoutes::tag),
                Route.of("POST", "/images/{name*}/push", ImageRoutes::push),
                Route.of("DELETE", "/images/{name*}", c -> c.exchange.json(200,
                        c.api(a -> a.removeImage(c.path("name"), c.request.flag("force"))))));
    }

    /** {@code fromImage}+{@code tag} as the CLI splits a reference: a digest tag joins with {@code @}. */
    static String reference(String image, String tag) {
        if (tag == null || tag.isEmpty()) {
            return image;
        }
        return image + (tag.startsWith("sha256:") ? "@" : ":") + tag;
    }

    private static void create(Call c) throws IOException {
        String from = c.request.param("fromImage");
        if (from == null || from.isEmpty()) {
            importImage(c);
            return;
        }
        String ref = reference(from, c.request.param("tag", ""));
        Api.PullResult r = c.api(a -> a.pull(ref, dev.glassbox.Progress.NONE));
        Exchange.Chunked body = c.exchange.stream(200, "application/json");
        String label = r.tag() != null && !r.tag().isEmpty() ? r.tag() : c.request.param("tag", "latest");
        String path = dev.glassbox.image.ImageRef.parse(ref).withDefaultTag().path();
        body.json(ContainerRoutes.ordered("status", "Pulling from " + path, "id", label));
        for (Api.LayerStatus l : r.layers()) {
            String id = l.id().length() > 12 ? l.id().substring(0, 12) : l.id();
            if (l.status().equals("Already exists")) {
                body.json(ContainerRoutes.ordered("status", "Already exists", "progressDetail", Map.of(), "id", id));
                continue;
            }
            body.json(ContainerRoutes.ordered("status", "Pulling fs layer", "progressDetail", Map.of(), "id", id));
            body.json(ContainerRoutes.ordered("status", "Downloading", "progressDetail", ContainerRoutes.ordered("current", l.size(), "total",
                    l.size()), "id", id));
            body.json(ContainerRoutes.ordered("status", "Download complete", "progressDetail", Map.of(), "id", id));
            body.json(ContainerRoutes.ordered("status", "Extracting", "progressDetail", ContainerRoutes.ordered("current", l.size(), "total",
                    l.size()), "id", id));
            body.json(ContainerRoutes.ordered("status", l.status(), "progressDetail", Map.of(), "id", id));
        }
        if (r.digest() != null && !r.digest().isEmpty()) {
            body.json(Map.of("status", "Digest: " + r.digest()));
        }
        String familiar = dev.glassbox.image.ImageRef.parse(ref).withDefaultTag().familiar();
        body.json(Map.of("status", "Status: " + (r.downloaded() ? "Downloaded newer image for " : "Image is up to date for ") + familiar));
        body.end();
    }

    private static void importImage(Call c) throws IOException {
        String src = c.request.param("fromSrc", "");
        if (!src.equals("-")) {
            throw DockerException.invalid("glassbox: import takes the tarball in the request body (fromSrc=-); a URL is not fetched");
        }
        String name = "api-import-" + TRANSFERS.incrementAndGet() + ".tar";
        String ref = reference(c.request.param("repo", ""), c.request.param("tag", ""));
        List<String> changes = c.request.query().getOrDefault("changes", List.of());
        String id = c.api(a -> {
            c.loop.engine().transferFile(name, c.request.body());
            try {
                return a.importImage(name, ref, c.request.param("message", ""), changes);
            } finally {
                c.loop.engine().transferFile(name, null);
            }
        });
        Exchange.Chunked body = c.exchange.stream(200, "application/json");
        body.json(Map.of("status", id));
        body.end();
    }

    private static void list(Call c) throws IOException {
        Filters f = Filters.parse(c.request.param("filters"));
        f.allow("dangling", "label", "reference", "before", "since", "until");
        List<Api.ImageSummary> images = c.api(a -> a.images(c.request.flag("all")));
        List<Object> out = new ArrayList<>();
        for (Api.ImageSummary i : images) {
            boolean dangling = i.repoTags() == null || i.repoTags().isEmpty();
            if (!f.any("dangling", v -> (v.equals("true") || v.equals("1")) == dangling)) {
                continue;
            }
            if (!f.any("reference", v -> i.repoTags() != null && i.repoTags().stream().anyMatch(t -> t.equals(v) || t.startsWith(v + ":")))) {
                continue;
            }
            Api.ImageSummary shown = i;
            if (f.has("reference")) {
                // as dockerd: an image found by reference lists only the tags that matched, so
                // `docker images mybox` does not also print the image's other repositories
                List<String> tags = i.repoTags().stream()
                        .filter(t -> f.get("reference").stream().anyMatch(v -> t.equals(v) || t.startsWith(v + ":"))).toList();
                List<String> digests = i.repoDigests() == null ? List.of() : i.repoDigests().stream()
                        .filter(d -> f.get("reference").stream().anyMatch(v -> d.equals(v) || d.startsWith(v + "@"))).toList();
                shown = new Api.ImageSummary(i.id(), tags, digests, i.created(), i.size(), i.containers());
            }
            out.add(summary(shown));
        }
        c.exchange.json(200, out);
    }

    static Map<String, Object> summary(Api.ImageSummary i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Containers", i.containers());
        m.put("Created", i.created());
        m.put("Id", i.id());
        m.put("Labels", Map.of());
        m.put("ParentId", "");
        m.put("RepoDigests", i.repoDigests() == null ? List.of() : i.repoDigests());
        m.put("RepoTags", i.repoTags() == null ? List.of() : i.repoTags());
        m.put("SharedSize", -1);
        m.put("Size", i.size());
        return m;
    }

    private static void history(Call c) throws IOException {
        List<Object> out = new ArrayList<>();
        for (Api.HistoryItem h : c.api(a -> a.history(c.path("name")))) {
            out.add(ContainerRoutes.ordered("Comment", h.comment(), "Created", h.created(), "CreatedBy", h.createdBy(), "Id", h.id(),
                    "Size", h.size(), "Tags", null));
        }
        c.exchange.json(200, out);
    }

    private static void tag(Call c) throws IOException {
        String repo = c.request.param("repo", "");
        if (repo.isEmpty()) {
            throw DockerException.invalid("repository name must have at least one component");
        }
        String target = reference(repo, c.request.param("tag", ""));
        c.apiRun(a -> a.tag(c.path("name"), target));
        c.exchange.send(201, null, new byte[0]);
    }

    private static void push(Call c) throws IOException {
        String ref = reference(c.path("name"), c.request.param("tag", ""));
        Api.PushResult r = c.api(a -> a.push(ref, dev.glassbox.Progress.NONE));
        Exchange.Chunked body = c.exchange.stream(200, "application/json");
        body.json(Map.of("status", "The push refers to repository [" + r.repository() + "]"));
        for (Api.LayerStatus l : r.layers()) {
            body.json(ContainerRoutes.ordered("status", l.status(), "progressDetail", Map.of(), "id", l.id()));
        }
        if (r.error() != null && !r.error().isEmpty()) {
            body.json(ContainerRoutes.ordered("errorDetail", Map.of("message", r.error()), "error", r.error()));
        } else {
            body.json(ContainerRoutes.ordered("status", r.tag() + ": digest: " + r.digest() + " size: " + r.size(), "progressDetail", Map.of(),
                    "aux", ContainerRoutes.ordered("Tag", r.tag(), "Digest", r.digest(), "Size", r.size())));
        }
        body.end();
    }

    private static void save(Call c) throws IOException {
        List<String> names = c.request.query().getOrDefault("names", List.of());
        if (names.isEmpty()) {
            throw DockerException.invalid("no images named to save");
        }
        saveNames(c, names);
    }

    private static void saveNames(Call c, List<String> names) throws IOException {
        String name = "api-save-" + TRANSFERS.incrementAndGet() + ".tar";
        byte[] tar = c.api(a -> {
            a.save(names, name);
            try {
                return c.loop.engine().transferFile(name).orElseThrow(() -> DockerException.server("the saved archive is missing"));
            } finally {
                c.loop.engine().transferFile(name, null);
            }
        });
        c.exchange.send(200, "application/x-tar", tar);
    }

    private static void load(Call c) throws IOException {
        String name = "api-load-" + TRANSFERS.incrementAndGet() + ".tar";
        List<String> lines = c.api(a -> {
            c.loop.engine().transferFile(name, c.request.body());
            try {
                return a.load(name);
            } finally {
                c.loop.engine().transferFile(name, null);
            }
        });
        Exchange.Chunked body = c.exchange.stream(200, "application/json");
        for (String l : lines) {
            body.json(Map.of("stream", l + "\n"));
        }
        body.end();
    }
}
