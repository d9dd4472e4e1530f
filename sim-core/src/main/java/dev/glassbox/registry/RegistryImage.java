package dev.glassbox.registry;

import dev.glassbox.image.FileEntry;
import java.util.List;

/** The files of registry:2 (distribution 2.8.3) above alpine: the CA bundle, the registry binary, its config and entrypoint. */
final class RegistryImage {
    /** distribution's config-example.yml, as the image ships it. */
    static final String CONFIG = """
            version: 0.1
            log:
              fields:
                service: registry
            storage:
              cache:
                blobdescriptor: inmemory
              filesystem:
                rootdirectory: /var/lib/registry
            http:
              addr: :5000
              headers:
                X-Content-Type-Options: [nosniff]
            health:
              storagedriver:
                enabled: true
                interval: 10s
                threshold: 3
            """;

    /** docker-entrypoint.sh: a config file as the first argument means "registry serve" it. */
    static final String ENTRYPOINT = """
            #!/bin/sh

            set -e

            case "$1" in
                *.yaml|*.yml) set -- registry serve "$@" ;;
                serve|garbage-collect|help|-*) set -- registry "$@" ;;
            esac

            exec "$@"
            """;

    private RegistryImage() {}

    static List<FileEntry> caCertificates() {
        return new Tree()
                .blobs("usr/share/ca-certificates/mozilla", "-----BEGIN CERTIFICATE-----\n",
                        "ISRG_Root_X1.crt:2 DigiCert_Global_Root_G2.crt:2 GlobalSign_Root_CA.crt:2")
                .symlink("etc/ssl/certs/ca-cert-ISRG_Root_X1.pem", "/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt")
                .text("etc/ca-certificates.conf", "mozilla/ISRG_Root_X1.crt\nmozilla/DigiCert_Global_Root_G2.crt\n"
                        + "mozilla/GlobalSign_Root_CA.crt\n")
                .entries();
    }

    static List<FileEntry> binary() {
        return new Tree().bin("bin/registry", "registry", 21_029_032).entries();
    }

    static List<FileEntry> config() {
        return new Tree().text("etc/docker/registry/config.yml", CONFIG).entries();
    }

    static List<FileEntry> entrypoint() {
        return new Tree().script("entrypoint.sh", ENTRYPOINT).entries();
    }
}
