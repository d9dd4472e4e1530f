package dev.glassbox.registry;

import dev.glassbox.image.FileEntry;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.Layer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The teaching images. Entry lists are cheap and built at once; layers are archived and hashed on the
 * first use of an image that holds them, and a layer two images share (debian for nginx and redis,
 * busybox for stress) is one {@link Layer} object, hashed once.
 */
final class Catalog {
    static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final String BUILDKIT = "buildkit.dockerfile.v0";

    /** One repository's image and the tags that name it. */
    record Entry(String path, List<String> tags, Supplier<Image> image) {}

    private final Lazy<Layer> busybox = layer(SmallImages::busybox);
    private final Lazy<Layer> debian = layer(DebianImages::bookworm);
    private final Lazy<Layer> python = layer(AppImages::python);
    private final List<Entry> entries = new ArrayList<>();

    private Catalog() {
        add("library/busybox", busybox(), "latest", "1.36", "1.36.1");
        add("library/alpine", alpine(), "latest", "3.20", "3.20.3");
        add("library/ubuntu", ubuntu(), "latest", "24.04", "noble");
        add("library/nginx", nginx(), "latest", "1.27", "1.27.3");
        add("library/redis", redis(), "latest", "7.4", "7.4.1");
        add("progrium/stress", stress(), "latest");
        add("library/hello-world", helloWorld(), "latest", "linux");
        add("library/debian", bookworm(time("2024-11-25T00:00:00Z")), "latest", "bookworm", "12", "12.8", "bookworm-slim",
                "12-slim", "12.8-slim");
        add("library/python", pythonAlpine(), "3.12-alpine", "3.12.7-alpine", "3.12-alpine3.20");
        add("library/python", pythonSlim(), "3.12-slim", "3.12.7-slim", "3.12-slim-bookworm");
        add("library/registry", registry(), "2", "2.8", "2.8.3", "latest");
    }

    /** A fresh catalog: nothing hashed yet. */
    static List<Entry> standard() {
        return List.copyOf(new Catalog().entries);
    }

    private void add(String path, Recipe recipe, String... tags) {
        entries.add(new Entry(path, List.of(tags), new Lazy<>(recipe::build)));
    }

    private static Lazy<Layer> layer(Supplier<List<FileEntry>> tree) {
        return new Lazy<>(() -> LayerArchive.layer(tree.get()));
    }

    private Recipe busybox() {
        long t = time("2024-09-26T21:31:42Z");
        return new Recipe().env(PATH)
                .layer(t, "BusyBox 1.36.1 (glibc), Debian 12", "", busybox)
                .meta(t, "CMD [\"sh\"]", "").cmd("sh");
    }

    private Recipe alpine() {
        long t = time("2024-09-06T22:20:07Z");
        return new Recipe().env(PATH)
                .layer(t, "ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit", BUILDKIT, layer(SmallImages::alpine))
                .meta(t, "CMD [\"/bin/sh\"]", BUILDKIT).cmd("/bin/sh");
    }

    /** python:3.12-alpine, reduced to what a container sees: the interpreter on top of alpine, and its ENV and CMD. */
    private Recipe pythonAlpine() {
        long t = time("2024-10-19T04:27:56Z");
        Recipe r = alpine();
        for (String env : List.of("PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "LANG=C.UTF-8", "GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305", "PYTHON_VERSION=3.12.7")) {
            r.meta(t, "ENV " + env, BUILDKIT).env(env);
        }
        return r.layer(t, "RUN /bin/sh -c set -eux; apk add --no-cache --virtual .build-deps gcc make; ./configure;"
                        + " make install; python3 --version # buildkit", BUILDKIT, python)
                .meta(t, "CMD [\"python3\"]", BUILDKIT).cmd("python3");
    }

    /** python:3.12-slim: the same interpreter layer on debian bookworm-slim, with Debian's build line. */
    private Recipe pythonSlim() {
        long t = time("2024-10-19T04:31:20Z");
        Recipe r = bookworm(time("2024-11-25T00:00:00Z"));
        for (String env : List.of("PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "LANG=C.UTF-8", "GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305", "PYTHON_VERSION=3.12.7")) {
            r.meta(t, "ENV " + env, BUILDKIT).env(env);
        }
        return r.layer(t, "RUN /bin/sh -c set -eux; savedAptMark=\"$(apt-mark showmanual)\"; apt-get update;"
                        + " apt-get install -y --no-install-recommends gcc make; ./configure; make install;"
                        + " apt-mark auto '.*' > /dev/null; python3 --version # buildkit", BUILDKIT, python)
                .meta(t, "CMD [\"python3\"]", BUILDKIT).cmd("python3");
    }

    private Recipe ubuntu() {
        long t = time("2024-10-11T03:38:28Z");
        return new Recipe().env(PATH)
                .meta(t - 2, "/bin/sh -c #(nop)  ARG RELEASE", "")
                .meta(t - 2, "/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH", "")
                .meta(t - 2, "/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu", "")
                .meta(t - 2, "/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=24.04", "")
                .label("org.opencontainers.image.ref.name", "ubuntu").label("org.opencontainers.image.version", "24.04")
                .layer(t - 1, "/bin/sh -c #(nop) ADD file:{diffId} in / ", "", layer(DebianImages::noble))
                .meta(t, "/bin/sh -c #(nop)  CMD [\"/bin/bash\"]", "").cmd("/bin/bash");
    }

    private Recipe bookworm(long t) {
        return new Recipe().env(PATH)
                .layer(t, "# debian.sh --arch 'amd64' out/ 'bookworm' '@" + t + "'", "debuerreotype 0.15", debian)
                .meta(t, "CMD [\"bash\"]", "debuerreotype 0.15").cmd("bash");
    }

    private Recipe nginx() {
        long t = time("2024-11-26T18:42:08Z");
        Recipe r = bookworm(time("2024-11-25T00:00:00Z"))
                .meta(t, "LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>", BUILDKIT)
                .label("maintainer", "NGINX Docker Maintainers <docker-maint@nginx.com>");
        for (String env : List.of("NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7", "NJS_RELEASE=1~bookworm",
                "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm")) {
            r.meta(t, "ENV " + env, BUILDKIT).env(env);
        }
        r.layer(t, "RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx"
                + " --no-create-home --home /nonexistent --comment \"nginx user\" --shell /bin/false --uid 101 nginx"
                + "     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y"
                + " nginx=${NGINX_VERSION}-${PKG_RELEASE} nginx-module-njs nginx-module-xslt nginx-module-geoip"
                + " nginx-module-image-filter gettext-base     && rm -rf /var/lib/apt/lists/*"
                + "     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log"
                + "     && mkdir /docker-entrypoint.d # buildkit", BUILDKIT, layer(AppImages::nginxPackages));
        r.layer(t, "COPY docker-entrypoint.sh / # buildkit", BUILDKIT, layer(AppImages::nginxEntrypoint));
        helper(r, t, "10-listen-on-ipv6-by-default.sh", AppFiles.LISTEN_IPV6);
        helper(r, t, "20-envsubst-on-templates.sh", AppFiles.ENVSUBST);
        helper(r, t, "30-tune-worker-processes.sh", AppFiles.TUNE_WORKERS);
        return r.meta(t, "ENTRYPOINT [\"/docker-entrypoint.sh\"]", BUILDKIT).entrypoint("/docker-entrypoint.sh")
                .meta(t, "EXPOSE map[80/tcp:{}]", BUILDKIT).expose("80/tcp")
                .meta(t, "STOPSIGNAL SIGQUIT", BUILDKIT).stopSignal("SIGQUIT")
                .meta(t, "CMD [\"nginx\" \"-g\" \"daemon off;\"]", BUILDKIT).cmd("nginx", "-g", "daemon off;");
    }

    private static void helper(Recipe r, long t, String name, String text) {
        r.layer(t, "COPY " + name + " /docker-entrypoint.d # buildkit", BUILDKIT,
                layer(() -> AppImages.nginxHelper(name, text)));
    }

    private Recipe redis() {
        long t = time("2024-11-27T09:12:40Z");
        String url = "http://download.redis.io/releases/redis-7.4.1.tar.gz";
        return bookworm(time("2024-11-25T00:00:00Z"))
                .layer(t, "RUN /bin/sh -c set -eux; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis # buildkit",
                        BUILDKIT, layer(AppImages::redisUser))
                .meta(t, "ENV GOSU_VERSION=1.17", BUILDKIT).env("GOSU_VERSION=1.17")
                .layer(t, "RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends"
                        + " ca-certificates wget; wget -O /usr/local/bin/gosu"
                        + " \"https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-amd64\";"
                        + " chmod +x /usr/local/bin/gosu; gosu --version; gosu nobody true # buildkit",
                        BUILDKIT, layer(AppImages::redisGosu))
                .meta(t, "ENV REDIS_VERSION=7.4.1", BUILDKIT).env("REDIS_VERSION=7.4.1")
                .meta(t, "ENV REDIS_DOWNLOAD_URL=" + url, BUILDKIT).env("REDIS_DOWNLOAD_URL=" + url)
                .layer(t, "RUN /bin/sh -c set -eux; wget -O redis.tar.gz \"$REDIS_DOWNLOAD_URL\";"
                        + " tar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1;"
                        + " make -C /usr/src/redis -j \"$(nproc)\" all BUILD_TLS=yes; make -C /usr/src/redis install;"
                        + " rm -r /usr/src/redis; redis-cli --version; redis-server --version # buildkit",
                        BUILDKIT, layer(AppImages::redisServer))
                .layer(t, "RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit", BUILDKIT,
                        layer(AppImages::redisData))
                .meta(t, "VOLUME [/data]", BUILDKIT)
                .meta(t, "WORKDIR /data", BUILDKIT).workingDir("/data")
                .layer(t, "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", BUILDKIT,
                        layer(AppImages::redisEntrypoint))
                .meta(t, "ENTRYPOINT [\"docker-entrypoint.sh\"]", BUILDKIT).entrypoint("docker-entrypoint.sh")
                .meta(t, "EXPOSE map[6379/tcp:{}]", BUILDKIT).expose("6379/tcp")
                .meta(t, "CMD [\"redis-server\"]", BUILDKIT).cmd("redis-server");
    }

    private Recipe stress() {
        long t = time("2024-10-02T14:05:11Z");
        return busybox()
                .layer(t, "COPY stress /usr/bin/stress # buildkit", BUILDKIT, layer(SmallImages::stress))
                .meta(t, "ENTRYPOINT [\"/usr/bin/stress\" \"--verbose\"]", BUILDKIT)
                .entrypoint("/usr/bin/stress", "--verbose")
                .meta(t, "CMD []", BUILDKIT).cmd();
    }

    /** FROM scratch, one static binary; BuildKit gives a scratch image the working directory /. */
    private Recipe helloWorld() {
        long t = time("2025-11-15T00:43:08Z");
        return new Recipe().env(PATH)
                .layer(t, "COPY hello / # buildkit", BUILDKIT, layer(SmallImages::hello))
                .meta(t, "CMD [\"/hello\"]", BUILDKIT).cmd("/hello").workingDir("/");
    }

    /** registry:2 as distribution's Dockerfile builds it, here on this catalog's alpine. */
    private Recipe registry() {
        long t = time("2024-10-15T19:20:31Z");
        return alpine()
                .layer(t, "RUN /bin/sh -c set -ex     && apk add --no-cache ca-certificates # buildkit", BUILDKIT,
                        layer(RegistryImage::caCertificates))
                .layer(t, "COPY ./registry/registry /bin/registry # buildkit", BUILDKIT, layer(RegistryImage::binary))
                .layer(t, "COPY ./registry/config-example.yml /etc/docker/registry/config.yml # buildkit", BUILDKIT,
                        layer(RegistryImage::config))
                .meta(t, "VOLUME [/var/lib/registry]", BUILDKIT).volume("/var/lib/registry")
                .meta(t, "EXPOSE map[5000/tcp:{}]", BUILDKIT).expose("5000/tcp")
                .layer(t, "COPY docker-entrypoint.sh /entrypoint.sh # buildkit", BUILDKIT, layer(RegistryImage::entrypoint))
                .meta(t, "ENTRYPOINT [\"/entrypoint.sh\"]", BUILDKIT).entrypoint("/entrypoint.sh")
                .meta(t, "CMD [\"/etc/docker/registry/config.yml\"]", BUILDKIT).cmd("/etc/docker/registry/config.yml");
    }

    private static long time(String rfc3339) {
        return Instant.parse(rfc3339).getEpochSecond();
    }
}
