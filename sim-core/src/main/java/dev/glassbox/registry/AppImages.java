package dev.glassbox.registry;

import static dev.glassbox.registry.DebianImages.LIB;

import dev.glassbox.image.FileEntry;
import java.util.List;

/** The layers nginx and redis add on top of debian:bookworm-slim, one per Dockerfile step. */
final class AppImages {
    private AppImages() {}

    /** {@code RUN groupadd ... && apt-get install nginx ...}: the packages and their libraries. */
    static List<FileEntry> nginxPackages() {
        Tree t = new Tree()
                .text("etc/passwd", DebianFiles.passwd("nginx:x:101:101:nginx user:/nonexistent:/bin/false\n"))
                .text("etc/group", DebianFiles.group("nginx:x:101:\n"))
                .add(FileEntry.file("etc/shadow", 0640, DebianFiles.SHADOW + "nginx:!:19000::::::\n").owned(0, 42))
                .text("var/lib/dpkg/status", DebianFiles.status(DebianFiles.BOOKWORM_PACKAGES
                        + " nginx=1.27.3-1~bookworm nginx-module-njs=1.27.3+0.8.7-1~bookworm"
                        + " nginx-module-xslt=1.27.3-1~bookworm nginx-module-geoip=1.27.3-1~bookworm"
                        + " nginx-module-image-filter=1.27.3-1~bookworm gettext-base=0.21-12"
                        + " ca-certificates=20230311 libssl3=3.0.15-1~deb12u1 libxml2=2.9.14+dfsg-1.3~deb12u1"
                        + " libicu72=72.1-3 libgd3=2.3.3-9 libgeoip1=1.6.12-10 geoip-database=20230203-1"
                        + " fonts-dejavu-core=2.37-6"))
                .bin("usr/sbin/nginx", "nginx", 1_528_424)
                .bin("usr/sbin/nginx-debug", "nginx", 1_612_608)
                .bins("usr/bin", "njs:1020 envsubst:40")
                .text("etc/nginx/nginx.conf", AppFiles.NGINX_CONF)
                .text("etc/nginx/conf.d/default.conf", AppFiles.DEFAULT_CONF)
                .text("etc/nginx/mime.types", AppFiles.MIME_TYPES)
                .symlink("etc/nginx/modules", "../../usr/lib/nginx/modules")
                .libs("usr/lib/nginx/modules", "ngx_http_js_module.so:1700 ngx_http_js_module-debug.so:1810"
                        + " ngx_stream_js_module.so:1650 ngx_stream_js_module-debug.so:1760"
                        + " ngx_http_xslt_filter_module.so:25 ngx_http_xslt_filter_module-debug.so:27"
                        + " ngx_http_image_filter_module.so:30 ngx_http_image_filter_module-debug.so:32"
                        + " ngx_http_geoip_module.so:25 ngx_http_geoip_module-debug.so:26 ngx_stream_geoip_module.so:20"
                        + " ngx_stream_geoip_module-debug.so:21")
                .text("usr/share/nginx/html/index.html", AppFiles.INDEX_HTML)
                .text("usr/share/nginx/html/50x.html", AppFiles.ERROR_HTML)
                .dirs("var/cache/nginx")
                .symlink("var/log/nginx/access.log", "/dev/stdout")
                .symlink("var/log/nginx/error.log", "/dev/stderr")
                // libxml2 (for the XSLT module) pulls in ICU; libgd (image filter) the AV1/HEIF codecs.
                .libs(LIB, "libssl.so.3:688 libcrypto.so.3:4734 libicudata.so.72.1:31262 libicuuc.so.72.1:2079"
                        + " libicui18n.so.72.1:3308 libxml2.so.2.9.14:1750 libxslt.so.1.1.35:250 libexslt.so.0.8.20:90"
                        + " libgd.so.3.0.11:420 libpng16.so.16.39.0:230 libjpeg.so.62.3.0:420 libtiff.so.6.0.0:560"
                        + " libwebp.so.7.1.5:470 libwebpmux.so.3.0.10:50 libsharpyuv.so.0.0.0:20"
                        + " libfreetype.so.6.18.3:850 libfontconfig.so.1.12.0:300 libX11.so.6.4.0:1318"
                        + " libxcb.so.1.1.0:170 libXau.so.6.0.0:15 libXdmcp.so.6.0.0:25 libXpm.so.4.11.0:90"
                        + " libjbig.so.0:60 libLerc.so.4:600 libdeflate.so.0:110 libaom.so.3.6.0:5644"
                        + " libdav1d.so.6.6.0:1600 librav1e.so.0.5.1:2702 libSvtAv1Enc.so.1.4.1:6759"
                        + " libavif.so.15.0.1:170 libheif.so.1.15.1:637 libde265.so.0.1.4:450 libx265.so.199:16395"
                        + " libyuv.so.0.0.1857:1000 libgav1.so.1.0.0:948 libnuma.so.1.0.0:50 libGeoIP.so.1.6.12:120"
                        + " libbrotlicommon.so.1.0.9:140 libbrotlidec.so.1.0.9:50 libexpat.so.1.8.10:200"
                        + " libbsd.so.0.11.7:90 libgomp.so.1.0.0:320")
                .libs(LIB, abseil())
                .blobs("usr/share/fonts/truetype/dejavu", "\u0000\u0001\u0000\u0000\u0000\u0012", "DejaVuSans.ttf:757"
                        + " DejaVuSans-Bold.ttf:706 DejaVuSansMono.ttf:340 DejaVuSansMono-Bold.ttf:332"
                        + " DejaVuSerif.ttf:380 DejaVuSerif-Bold.ttf:356")
                .blobs("usr/share/GeoIP", "GeoIP", "GeoIP.dat:1380 GeoIPv6.dat:2800")
                .blobs("usr/share/X11/locale", "#\n", "locale.alias:80 locale.dir:40 compose.dir:50"
                        + " en_US.UTF-8/Compose:300 en_US.UTF-8/XLC_LOCALE:5 el_GR.UTF-8/Compose:300"
                        + " pt_BR.UTF-8/Compose:300 zh_CN.UTF-8/Compose:300")
                .blob("etc/ssl/certs/ca-certificates.crt", 0644, "-----BEGIN CERTIFICATE-----\n", 219_312)
                .text("etc/fonts/fonts.conf", "<?xml version=\"1.0\"?>\n<fontconfig>\n"
                        + "  <dir>/usr/share/fonts</dir>\n  <cachedir>/var/cache/fontconfig</cachedir>\n</fontconfig>\n");
        return t.entries();
    }

    /** Google's abseil, one small library per component; libgav1 (AV1 decoding) needs it. */
    private static String abseil() {
        StringBuilder b = new StringBuilder();
        for (String c : ("base:30 city:20 cord:120 cord_internal:90 cordz_info:40 crc32c:30 debugging_internal:40"
                + " demangle_internal:60 flags:20 graphcycles_internal:50 hash:30 hashtablez_sampler:30 int128:20"
                + " log_severity:15 low_level_hash:15 malloc_internal:30 raw_hash_set:30 raw_logging_internal:20"
                + " spinlock_wait:15 stacktrace:20 status:90 statusor:30 str_format_internal:140 strings:190"
                + " strings_internal:30 symbolize:50 synchronization:100 throw_delegate:30 time:80"
                + " time_zone:160").split(" ")) {
            b.append(" libabsl_").append(c.replace(":", ".so.20220623.0.0:"));
        }
        return b.toString();
    }

    static List<FileEntry> nginxEntrypoint() {
        return new Tree().script("docker-entrypoint.sh", AppFiles.NGINX_ENTRYPOINT).entries();
    }

    /** One {@code COPY} per helper script, each its own small layer, as the real image has them. */
    static List<FileEntry> nginxHelper(String name, String text) {
        return new Tree().script("docker-entrypoint.d/" + name, text).entries();
    }

    /** {@code RUN groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis}. */
    static List<FileEntry> redisUser() {
        return new Tree()
                .text("etc/passwd", DebianFiles.passwd("redis:x:999:999::/home/redis:/bin/sh\n"))
                .text("etc/group", DebianFiles.group("redis:x:999:\n"))
                .add(FileEntry.file("etc/shadow", 0640, DebianFiles.SHADOW + "redis:!:19000::::::\n").owned(0, 42))
                .add(FileEntry.file("etc/gshadow", 0640, "root:*::\nshadow:*::\nredis:!::\n").owned(0, 42))
                .entries();
    }

    /** The step that installs gosu, the "su that execs" the real entrypoint uses to drop root. */
    static List<FileEntry> redisGosu() {
        return new Tree().bin("usr/local/bin/gosu", "gosu", 2_262_408).entries();
    }

    /** The step that builds redis from source and keeps only the binaries and their TLS libraries. */
    static List<FileEntry> redisServer() {
        return new Tree()
                .bin("usr/local/bin/redis-server", "redis-server", 15_810_912)
                .bin("usr/local/bin/redis-cli", "redis-cli", 8_050_176)
                .bin("usr/local/bin/redis-benchmark", "redis-benchmark", 7_190_328)
                .symlink("usr/local/bin/redis-check-aof", "redis-server")
                .symlink("usr/local/bin/redis-check-rdb", "redis-server")
                .symlink("usr/local/bin/redis-sentinel", "redis-server")
                .libs(LIB, "libssl.so.3:688 libcrypto.so.3:4734")
                .entries();
    }

    static List<FileEntry> redisData() {
        return List.of(FileEntry.dir("data", 0755).owned(999, 999));
    }

    static List<FileEntry> redisEntrypoint() {
        return new Tree().script("usr/local/bin/docker-entrypoint.sh", AppFiles.REDIS_ENTRYPOINT).entries();
    }

    /** {@code make install} of CPython 3.12: the interpreter, its version links and the standard library's home. */
    static List<FileEntry> python() {
        return new Tree()
                .bin("usr/local/bin/python3.12", "python3", 14_312)
                .symlink("usr/local/bin/python3", "python3.12")
                .symlink("usr/local/bin/python", "python3")
                .blob("usr/local/lib/libpython3.12.so.1.0", 0755, "\u007fELF\u0002\u0001\u0001", 23_962_864)
                .dirs("usr/local/lib/python3.12/site-packages", "usr/local/lib/python3.12/http")
                .text("usr/local/lib/python3.12/http/__init__.py", "")
                .entries();
    }
}
