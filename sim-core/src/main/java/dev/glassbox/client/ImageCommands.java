package dev.glassbox.client;

import dev.glassbox.api.Api.HistoryItem;
import dev.glassbox.api.Api.ImageSummary;
import dev.glassbox.api.Api.LayerStatus;
import dev.glassbox.api.Api.PullResult;
import dev.glassbox.api.Api.PushResult;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import dev.glassbox.image.ImageRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code pull}, {@code images}, {@code rmi}, {@code tag} and {@code history}. */
final class ImageCommands {
    static final String IMAGES_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    static final String DIGESTS_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    static final Map<String, String> IMAGE_HEADERS = Map.of("Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID",
            "Digest", "DIGEST", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "Size", "SIZE", "Containers", "CONTAINERS");
    static final String HISTORY_TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    static final Map<String, String> HISTORY_HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt",
            "CREATED AT", "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

    private ImageCommands() {}

    /** A reference the way the CLI checks it before calling the daemon; errors are the CLI's (exit 1). */
    static ImageRef reference(String text) {
        try {
            return ImageRef.parse(text);
        } catch (RuntimeException e) {
            throw new UsageException(RunOptions.referenceError(text, e.getMessage()), 1);
        }
    }

    static int pull(Session s, Parsed p) {
        String name = p.args.get(0);
        if (p.bool("all-tags")) {
            throw new UsageException("glassbox: 'docker pull --all-tags' is not supported yet", 1);
        }
        ImageRef ref = reference(name);
        PullResult r;
        try {
            r = s.api.pull(ref.withDefaultTag().toString(), s.progress);
        } catch (DockerException e) {
            if (!p.bool("quiet") && ref.tag() == null && ref.digest() == null) {
                s.out("Using default tag: latest"); // the CLI says so before it asks the daemon
            }
            throw e;
        }
        if (p.bool("quiet")) {
            s.out(ref.withDefaultTag().toString());
        } else {
            s.out.append(renderPull(ref, r, true));
        }
        return 0;
    }

    /**
     * The push's stream as the docker CLI prints it once the bars are done; an error in the stream goes
     * to stderr, without "Error response from daemon", and the exit status is 1.
     */
    static int push(Session s, Parsed p) {
        String name = p.args.get(0);
        if (p.bool("all-tags")) {
            throw new UsageException("glassbox: 'docker push --all-tags' is not supported yet", 1);
        }
        ImageRef ref = reference(name);
        if (ref.digest() != null) {
            throw new UsageException("cannot push a digest reference", 1);
        }
        boolean quiet = p.bool("quiet");
        if (ref.tag() == null && !quiet) {
            s.out("Using default tag: latest");
        }
        PushResult r = s.api.push(ref.withDefaultTag().familiar(), s.progress);
        if (!quiet) {
            s.out("The push refers to repository [" + r.repository() + "]");
            for (LayerStatus l : r.layers()) {
                s.out(GoText.shortId(l.id()) + ": " + l.status());
            }
        }
        if (!r.error().isEmpty()) {
            s.err(r.error());
            return 1;
        }
        if (quiet) {
            s.out(ref.withDefaultTag().toString());
        } else {
            s.out(r.tag() + ": digest: " + r.digest() + " size: " + r.size());
        }
        return 0;
    }

    /** The final state of a pull's progress display, as a terminal shows it once the bars are done. */
    static String renderPull(ImageRef ref, PullResult r, boolean pullCommand) {
        StringBuilder b = new StringBuilder();
        ImageRef tagged = ref.withDefaultTag();
        if (pullCommand && ref.tag() == null && ref.digest() == null) {
            b.append("Using default tag: latest\n");
        }
        String label = tagged.tag() != null ? tagged.tag() : String.valueOf(tagged.digest());
        b.append(label).append(": Pulling from ").append(tagged.path()).append('\n');
        if (r != null && r.layers() != null) {
            for (LayerStatus l : r.layers()) {
                b.append(GoText.shortId(l.id())).append(": ").append(l.status()).append('\n');
            }
        }
        if (r != null && r.digest() != null && !r.digest().isEmpty()) {
            b.append("Digest: ").append(r.digest()).append('\n');
        }
        boolean downloaded = r == null || r.downloaded();
        b.append("Status: ").append(downloaded ? "Downloaded newer image for " : "Image is up to date for ")
                .append(tagged.familiar()).append('\n');
        if (pullCommand) {
            b.append(tagged).append('\n');
        }
        return b.toString();
    }

    static int images(Session s, Parsed p) {
        ImageRef filter = p.args.isEmpty() ? null : reference(p.args.get(0));
        boolean trunc = !p.bool("no-trunc");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImageSummary img : s.api.images(p.bool("all"))) {
            for (String[] rt : repoTags(img)) {
                boolean named = filter == null
                        || (rt[0].equals(filter.repository()) && (filter.tag() == null || rt[1].equals(filter.tag())));
                if (named && filtered(rt, p.list("filter"))) {
                    rows.add(imageRow(img, rt, trunc, s.nowMillis()));
                }
            }
        }
        String format = p.bool("quiet") ? "{{.ID}}" : p.string("format", "");
        s.out.append(Formatter.render(format, p.bool("digests") ? DIGESTS_TABLE : IMAGES_TABLE, IMAGE_HEADERS, rows));
        return 0;
    }

    /** {@code -f dangling=true|false} and {@code -f reference=REPO[:TAG]} (with {@code *} wildcards). */
    private static boolean filtered(String[] rt, List<String> filters) {
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? "" : f.substring(eq + 1);
            boolean dangling = rt[0].equals("<none>") && rt[1].equals("<none>");
            boolean ok = switch (key) {
                case "dangling" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw DockerException.invalid("Invalid filter 'dangling=" + value + "'");
                    }
                    yield dangling == value.equals("true");
                }
                case "reference" -> {
                    String glob = value.contains(":") ? value : value + ":*";
                    String regex = java.util.regex.Pattern.quote(glob).replace("*", "\\E[^/]*\\Q");
                    yield (rt[0] + ":" + rt[1]).matches(regex);
                }
                default -> throw DockerException.invalid("invalid filter '" + key + "'");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** One row per repository:tag; untagged images show as {@code <none>}. */
    static List<String[]> repoTags(ImageSummary img) {
        List<String[]> out = new ArrayList<>();
        List<String> tags = img.repoTags() == null ? List.of() : img.repoTags();
        for (String t : tags) {
            if (t.equals("<none>:<none>")) {
                continue;
            }
            int colon = t.lastIndexOf(':');
            boolean hasTag = colon > t.lastIndexOf('/');
            String repo = hasTag ? t.substring(0, colon) : t;
            out.add(new String[] {repo, hasTag ? t.substring(colon + 1) : "<none>", digestOf(img, repo)});
        }
        if (out.isEmpty()) {
            List<String> digests = img.repoDigests() == null ? List.of() : img.repoDigests();
            for (String d : digests) {
                int at = d.indexOf('@');
                out.add(new String[] {at > 0 ? d.substring(0, at) : "<none>", "<none>", at > 0 ? d.substring(at + 1) : "<none>"});
            }
        }
        if (out.isEmpty()) {
            out.add(new String[] {"<none>", "<none>", "<none>"});
        }
        return out;
    }

    /** The digest the image has in that repository: a name tagged here but never pushed or pulled has none. */
    private static String digestOf(ImageSummary img, String repository) {
        for (String d : img.repoDigests() == null ? List.<String>of() : img.repoDigests()) {
            int at = d.indexOf('@');
            if (at > 0 && d.substring(0, at).equals(repository)) {
                return d.substring(at + 1);
            }
        }
        return "<none>";
    }

    private static Map<String, Object> imageRow(ImageSummary img, String[] rt, boolean trunc, long now) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Containers", img.containers() < 0 ? "N/A" : String.valueOf(img.containers()));
        r.put("CreatedAt", Dates.goTime(img.created() * 1000));
        r.put("CreatedSince", Units.humanDuration(now - img.created() * 1000) + " ago");
        r.put("Digest", rt[2]);
        r.put("ID", trunc ? GoText.shortId(img.id()) : String.valueOf(img.id()));
        r.put("Repository", rt[0]);
        r.put("Size", Units.humanSize(img.size(), 3));
        r.put("Tag", rt[1]);
        return r;
    }

    static int rmi(Session s, Parsed p) {
        int status = 0;
        for (String name : p.args) {
            try {
                for (Map<String, String> item : s.api.removeImage(name, p.bool("force"))) {
                    item.forEach((k, v) -> s.out(k + ": " + v));
                }
            } catch (DockerException e) {
                s.err(Session.daemonError(e));
                status = 1;
            }
        }
        return status;
    }

    static int tag(Session s, Parsed p) {
        reference(p.args.get(1));
        s.api.tag(p.args.get(0), p.args.get(1));
        return 0;
    }

    static int history(Session s, Parsed p) {
        boolean trunc = !p.bool("no-trunc");
        boolean human = p.bool("human");
        List<HistoryItem> items = s.api.history(p.args.get(0));
        List<Map<String, Object>> rows = new ArrayList<>();
        String topId = items.isEmpty() ? null : items.get(0).id();
        for (int i = 0; i < items.size(); i++) {
            HistoryItem h = items.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            String id = h.id() == null || h.id().isEmpty() || (i > 0 && h.id().equals(topId)) ? "<missing>" : h.id();
            r.put("ID", id.equals("<missing>") || !trunc ? id : GoText.shortId(id));
            r.put("CreatedSince", human ? Units.humanDuration(s.nowMillis() - h.created() * 1000) + " ago"
                    : Dates.rfc3339(h.created() * 1000));
            r.put("CreatedAt", Dates.rfc3339(h.created() * 1000));
            String createdBy = h.createdBy() == null ? "" : h.createdBy().replace("\t", " ");
            r.put("CreatedBy", trunc ? GoText.ellipsis(createdBy, 45) : createdBy);
            r.put("Size", human ? Units.humanSize(h.size(), 3) : String.valueOf(h.size()));
            r.put("Comment", h.comment() == null ? "" : h.comment());
            rows.add(r);
        }
        String format = p.bool("quiet") ? "{{.ID}}" : p.string("format", "");
        s.out.append(Formatter.render(format, HISTORY_TABLE, HISTORY_HEADERS, rows));
        return 0;
    }
}
