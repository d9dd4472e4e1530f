package dev.glassbox.registry;

import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The simulated Docker Hub: a fixed set of official-looking repositories whose images are the same,
 * byte for byte, in every run. An image is archived and hashed the first time it is resolved.
 */
public final class SimHub implements Registry {
    private static final Lazy<SimHub> STANDARD = new Lazy<>(() -> new SimHub(Catalog.standard()));

    /** Repository path ({@code library/nginx}) to tag to image. */
    private final Map<String, Map<String, Supplier<Image>>> repositories;

    SimHub(List<Catalog.Entry> entries) {
        Map<String, Map<String, Supplier<Image>>> repos = new TreeMap<>();
        for (Catalog.Entry e : entries) {
            Map<String, Supplier<Image>> tags = repos.computeIfAbsent(e.path(), p -> new TreeMap<>());
            e.tags().forEach(tag -> tags.put(tag, e.image()));
        }
        repos.replaceAll((path, tags) -> Collections.unmodifiableMap(tags));
        this.repositories = Collections.unmodifiableMap(repos);
    }

    /** The one shared hub; its images are hashed on first use and then kept. */
    public static SimHub standard() {
        return STANDARD.get();
    }

    @Override
    public String domain() {
        return ImageRef.DOCKER_HUB;
    }

    /** Whether a repository exists, by path: {@code library/nginx}, {@code progrium/stress}. */
    @Override
    public boolean hasRepository(String path) {
        return repositories.containsKey(path);
    }

    /** Every repository:tag the hub serves, in the short form people type ({@code nginx:1.27}). */
    @Override
    public List<String> references() {
        List<String> out = new java.util.ArrayList<>();
        repositories.forEach((path, tags) -> tags.keySet().forEach(tag ->
                out.add((path.startsWith("library/") ? path.substring(8) : path) + ":" + tag)));
        return out;
    }

    /** The repository's tags in sorted order; empty for an unknown repository. */
    public List<String> tags(String path) {
        return List.copyOf(repositories.getOrDefault(path, Map.of()).keySet());
    }

    /**
     * The image a normalised reference names: by manifest digest when it has one (the tag is then
     * ignored, as a registry does), else by tag, {@code latest} when it has neither.
     */
    @Override
    public Optional<Image> resolve(ImageRef ref) {
        Map<String, Supplier<Image>> tags = repositories.get(ref.path());
        if (!domain().equals(ref.domain()) || tags == null) {
            return Optional.empty();
        }
        if (ref.digest() != null) {
            return tags.values().stream().distinct().map(Supplier::get)
                    .filter(image -> image.manifestDigest().equals(ref.digest())).findFirst();
        }
        return Optional.ofNullable(tags.get(ref.tag() == null ? "latest" : ref.tag())).map(Supplier::get);
    }

    public String manifestJson(Image image) {
        return new String(ImageJson.manifest(image.config(), image.layers()), StandardCharsets.UTF_8);
    }

    public String configJson(Image image) {
        return new String(ImageJson.config(image.config()), StandardCharsets.UTF_8);
    }
}
