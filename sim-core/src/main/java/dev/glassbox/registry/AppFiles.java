package dev.glassbox.registry;

/**
 * Scripts and configuration of the application images. The scripts are run by the simulated shell, so
 * they keep to what it understands: if/for, [ ], &&, ||, echo, exec "$@" and ${VAR:-default}.
 */
final class AppFiles {
    static final String NGINX_ENTRYPOINT = """
            #!/bin/sh
            # Entrypoint of the nginx image. It runs the helper scripts in /docker-entrypoint.d
            # only when the container is asked to run nginx, then exec replaces this shell with
            # the command, so nginx becomes PID 1 and receives the signals docker stop sends.
            set -e

            if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
                if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
                    echo "$0: Looking for shell scripts in /docker-entrypoint.d/"
                fi
                for f in /docker-entrypoint.d/*.sh; do
                    if [ -f "$f" ] && [ -x "$f" ]; then
                        if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
                            echo "$0: Launching $f"
                        fi
                        "$f"
                    fi
                done
                if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
                    echo "$0: Configuration complete; ready for start up"
                fi
            fi

            exec "$@"
            """;

    static final String LISTEN_IPV6 = """
            #!/bin/sh
            # Adds an IPv6 listen line to the default server when the kernel offers IPv6.
            # Container networks in this simulator are IPv4 only, so it usually just says so.
            set -e

            if [ ! -f /proc/net/if_inet6 ]; then
                echo "$0: info: ipv6 not available"
            elif [ ! -f /etc/nginx/conf.d/default.conf ]; then
                echo "$0: info: /etc/nginx/conf.d/default.conf is not a file or does not exist"
            else
                echo "$0: info: /etc/nginx/conf.d/default.conf already listens on IPv6"
            fi
            """;

    static final String ENVSUBST = """
            #!/bin/sh
            # Would render /etc/nginx/templates/*.template into /etc/nginx/conf.d, replacing
            # ${VARIABLES} with the container's environment. No templates, nothing to do.
            set -e

            if [ -d "${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}" ]; then
                echo "$0: info: templates found in ${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
            fi
            """;

    static final String TUNE_WORKERS = """
            #!/bin/sh
            # With NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE set, matches worker_processes to the
            # CPUs the container's cgroup allows; otherwise nginx.conf keeps "auto".
            set -e

            if [ -n "${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ]; then
                echo "$0: info: worker_processes stays auto: the cgroup decides how many CPUs nginx sees"
            fi
            """;

    static final String REDIS_ENTRYPOINT = """
            #!/bin/sh
            # Entrypoint of the redis image. The real one also drops from root to the redis
            # user before starting the server; either way it ends by exec-ing the command, so
            # the server runs as PID 1.
            set -e

            if [ "$#" -eq 0 ]; then
                exec redis-server
            fi

            exec "$@"
            """;

    static final String NGINX_CONF = """
            user  nginx;
            worker_processes  auto;

            error_log  /var/log/nginx/error.log notice;
            pid        /var/run/nginx.pid;

            events {
                worker_connections  1024;
            }

            http {
                include       /etc/nginx/mime.types;
                default_type  application/octet-stream;

                log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                                  '$status $body_bytes_sent "$http_referer" "$http_user_agent"';

                # Both logs are symlinks to the container's stdout and stderr: docker logs shows them.
                access_log  /var/log/nginx/access.log  main;

                sendfile           on;
                keepalive_timeout  65;

                include /etc/nginx/conf.d/*.conf;
            }
            """;

    static final String DEFAULT_CONF = """
            server {
                listen       80;
                server_name  localhost;

                location / {
                    root   /usr/share/nginx/html;
                    index  index.html index.htm;
                }

                error_page   500 502 503 504  /50x.html;
                location = /50x.html {
                    root   /usr/share/nginx/html;
                }
            }
            """;

    static final String MIME_TYPES = """
            types {
                text/html                             html htm shtml;
                text/css                              css;
                text/plain                            txt;
                text/xml                              xml;
                application/javascript                js;
                application/json                      json;
                image/gif                             gif;
                image/jpeg                            jpeg jpg;
                image/png                             png;
                image/svg+xml                         svg svgz;
                image/x-icon                          ico;
                image/webp                            webp;
                font/woff2                            woff2;
                application/pdf                       pdf;
                application/zip                       zip;
                application/octet-stream              bin exe dll iso img;
            }
            """;

    static final String INDEX_HTML = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            <style>
            html { color-scheme: light dark; }
            body { width: 36em; margin: 0 auto; font-family: Tahoma, Verdana, Arial, sans-serif; }
            </style>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>This page was sent by nginx running inside a container. It lives in the image at
            <code>/usr/share/nginx/html/index.html</code>.</p>

            <p>To serve your own pages, put them in that directory: mount a folder over it, copy files
            in with a Dockerfile, or use a volume.</p>

            <p>The server's own documentation is at <a href="https://nginx.org/">nginx.org</a>.</p>

            <p><em>Happy serving.</em></p>
            </body>
            </html>
            """;

    static final String ERROR_HTML = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Error</title>
            </head>
            <body>
            <h1>Something went wrong.</h1>
            <p>The page you asked for cannot be served right now. Please try again in a moment.</p>
            <p>If you run this server, the details are in its error log (<code>docker logs</code>).</p>
            </body>
            </html>
            """;

    private AppFiles() {}
}
