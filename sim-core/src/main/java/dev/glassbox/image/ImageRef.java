package dev.glassbox.image;

import dev.glassbox.api.DockerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A normalised image reference: registry domain, repository path, and a tag and/or digest.
 * {@code parse("nginx")} is {@code docker.io/library/nginx} with no tag; {@link #withDefaultTag()} adds
 * {@code latest} as the docker CLI does before it talks to the daemon.
 */
public record ImageRef(String domain, String path, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?");
    private static final Pattern WHOLE = Pattern.compile("(.+?)(?::(" + TAG.pattern() + "))?(?:@(sha256:[a-f0-9]{64}))?");

    public ImageRef {
        if (!valid(domain, DOMAIN, VALID_DOMAINS) || !valid(path, PATH, VALID_PATHS) || (tag != null && !valid(tag, TAG, VALID_TAGS))) {
            throw DockerException.invalid("invalid reference format");
        }
    }

    /** Domains, paths and tags found valid before (bounded): the same few are checked at every run. */
    private static final java.util.Set<String> VALID_DOMAINS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Set<String> VALID_PATHS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Set<String> VALID_TAGS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static boolean valid(String text, Pattern pattern, java.util.Set<String> known) {
        if (known.contains(text)) {
            return true;
        }
        if (!pattern.matcher(text).matches()) {
            return false;
        }
        if (known.size() >= 4096) {
            known.clear();
        }
        known.add(text);
        return true;
    }

    /** References parsed before, by text: the same few names (nginx, busybox) are parsed at every run. Bounded. */
    private static final java.util.Map<String, ImageRef> PARSED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PARSED_MAX = 4096;

    public static ImageRef parse(String text) {
        ImageRef known = text == null ? null : PARSED.get(text);
        if (known != null) {
            return known;
        }
        ImageRef ref = parseText(text);
        if (PARSED.size() >= PARSED_MAX) {
            PARSED.clear();
        }
        PARSED.put(text, ref);
        return ref;
    }

    private static ImageRef parseText(String text) {
        if (text == null || text.isEmpty() || text.length() > 255 + 140) {
            throw DockerException.invalid("invalid reference format");
        }
        Matcher m = WHOLE.matcher(text);
        if (!m.matches()) {
            throw DockerException.invalid("invalid reference format");
        }
        String name = m.group(1);
        String tag = m.group(2);
        Digest digest = m.group(3) == null ? null : Digest.parse(m.group(3));
        String domain = DOCKER_HUB;
        String path = name;
        int slash = name.indexOf('/');
        if (slash > 0) {
            String first = name.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                domain = first;
                path = name.substring(slash + 1);
            }
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (!path.equals(path.toLowerCase(java.util.Locale.ROOT))) {
            throw DockerException.invalid("invalid reference format: repository name (" + path + ") must be lowercase");
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (path.length() > 255 || !PATH.matcher(path).matches() || !DOMAIN.matcher(domain).matches()) {
            throw DockerException.invalid("invalid reference format");
        }
        return new ImageRef(domain, path, tag, digest);
    }

    public ImageRef withDefaultTag() {
        return tag == null && digest == null ? new ImageRef(domain, path, "latest", null) : this;
    }

    public ImageRef withTag(String newTag) {
        return new ImageRef(domain, path, newTag, null);
    }

    /** {@code docker.io/library/nginx}. */
    public String fullName() {
        return domain + "/" + path;
    }

    /** The short name people type: {@code nginx}, {@code someone/app}, {@code localhost:5000/app}. */
    public String repository() {
        if (domain.equals(DOCKER_HUB)) {
            return path.startsWith("library/") ? path.substring(8) : path;
        }
        return domain + "/" + path;
    }

    /** {@code nginx:latest}, as {@code docker images} and error messages show it. */
    public String familiar() {
        return repository() + suffix();
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public String toString() {
        return fullName() + suffix();
    }
}
