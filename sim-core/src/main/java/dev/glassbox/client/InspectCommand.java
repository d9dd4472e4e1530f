package dev.glassbox.client;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker inspect}: each name looked up as a container, then as an image (the CLI's fallback
 * chain), printed as one indented JSON array or through {@code --format}.
 */
final class InspectCommand {
    private static final Set<String> DOCKER_TYPES = Set.of("config", "container", "image", "network", "node", "plugin",
            "secret", "service", "task", "volume");

    /** docker exits 64 when an inspect template does not parse. */
    static final int TEMPLATE_PARSE_STATUS = 64;

    private InspectCommand() {}

    static int run(Session s, Parsed p, String type) {
        if (type == null) {
            type = p.string("type", "");
        }
        if (!type.isEmpty() && !DOCKER_TYPES.contains(type)) {
            throw new UsageException("unknown type: " + GoText.quote(type) + ": must be one of \"config\", \"container\", "
                    + "\"image\", \"network\", \"node\", \"plugin\", \"secret\", \"service\", \"task\", \"volume\"", 1);
        }
        if (!type.isEmpty() && !SUPPORTED.contains(type)) {
            throw new UsageException("glassbox: 'docker inspect --type " + type + "' is not supported yet", 1);
        }
        String t = type;
        return print(s, p, name -> {
            Object obj = lookup(s, name, t, p.bool("size"));
            if (obj == null) {
                throw new Missing("Error: No such " + (t.isEmpty() ? "object" : t) + ": " + name);
            }
            return obj;
        });
    }

    private static final Set<String> SUPPORTED = Set.of("container", "image", "volume", "network");

    /** A name no lookup found: the CLI's own line, not the daemon's. */
    private static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message, null, false, false);
        }
    }

    /** Looks each argument up and prints the objects as an indented JSON array or through --format; errors after. */
    static int print(Session s, Parsed p, java.util.function.Function<String, Object> lookup) {
        Template template = null;
        String format = p.string("format", "");
        if (!format.isEmpty() && !format.equals("json")) {
            try {
                template = Template.parse(format);
            } catch (Template.TemplateException e) {
                throw new UsageException("template parsing error: " + e.getMessage(), TEMPLATE_PARSE_STATUS);
            }
        }
        List<Object> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : p.args) {
            try {
                found.add(lookup.apply(name));
            } catch (Missing e) {
                errors.add(e.getMessage());
            } catch (DockerException e) {
                errors.add(Session.daemonError(e));
            }
        }
        int status = errors.isEmpty() ? 0 : 1;
        if (template == null) {
            s.out(GoJson.indent(found));
        } else {
            for (Object obj : found) {
                try {
                    s.out(template.execute(obj));
                } catch (Template.TemplateException e) {
                    errors.add(e.getMessage());
                    status = 1;
                    break;
                }
            }
        }
        errors.forEach(s::err);
        return status;
    }

    private static Object lookup(Session s, String name, String type, boolean size) {
        if (type.isEmpty() || type.equals("container")) {
            try {
                Map<String, Object> c = s.api.inspectContainer(name, size);
                if (c != null) {
                    return c;
                }
            } catch (DockerException e) {
                if (!Session.notFound(e)) {
                    throw e;
                }
            }
        }
        if (type.isEmpty() || type.equals("image")) {
            try {
                return s.api.inspectImage(name);
            } catch (DockerException e) {
                if (!Session.notFound(e)) {
                    throw e;
                }
            }
        }
        if (type.isEmpty() || type.equals("network")) {
            try {
                return s.api.inspectNetwork(name);
            } catch (DockerException e) {
                if (!Session.notFound(e) && !type.isEmpty()) {
                    throw e;
                }
            }
        }
        if (type.isEmpty() || type.equals("volume")) {
            try {
                return s.api.inspectVolume(name);
            } catch (DockerException e) {
                if (!Session.notFound(e) && !type.isEmpty()) {
                    throw e;
                }
            }
        }
        return null;
    }
}
