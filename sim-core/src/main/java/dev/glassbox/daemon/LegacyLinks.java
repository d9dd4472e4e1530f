package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.EndpointSettings;
import dev.glassbox.api.NetworkMode;
import dev.glassbox.trace.Layer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code --link NAME[:ALIAS]}: Docker's legacy links. On the default bridge the linking container gets
 * the linked one's address in its {@code /etc/hosts} under the alias, its hostname and its name, and
 * environment variables that describe it ({@code ALIAS_PORT_80_TCP_ADDR}, {@code ALIAS_NAME}, …); the
 * linked container must exist at create and run at start. On a user-defined network a link is only an
 * extra name for the linked container that the linking one alone resolves.
 */
final class LegacyLinks {
    /** One parsed link: the linked container's name and the alias it is known by. */
    record Link(String name, String alias) {
        static Link parse(String spec) {
            if (spec.isEmpty()) {
                throw DockerException.invalid("empty string specified for links");
            }
            String[] parts = spec.split(":", 3);
            if (parts.length > 2) {
                throw DockerException.invalid("bad format for links: " + spec);
            }
            String name = parts[0].startsWith("/") ? parts[0].substring(1) : parts[0];
            String alias = parts.length == 1 ? name : parts[1].substring(parts[1].lastIndexOf('/') + 1);
            return new Link(name, alias);
        }
    }

    private final Daemon d;

    LegacyLinks(Daemon d) {
        this.d = d;
    }

    /** A container by name or id, null when there is none. */
    private Container find(String ref) {
        try {
            return d.container(ref);
        } catch (DockerException e) {
            return null;
        }
    }

    static List<Link> of(EndpointSettings settings) {
        List<Link> out = new ArrayList<>();
        if (settings != null) {
            settings.links().forEach(l -> out.add(Link.parse(l)));
        }
        return out;
    }

    /** At create: the links parse, and on the default bridge each names an existing container that has a network of its own. */
    void validate(NetworkMode mode, EndpointSettings settings) {
        List<Link> links = of(settings);
        if (links.isEmpty()) {
            return;
        }
        if (mode instanceof NetworkMode.Host) {
            throw hostConflict();
        }
        if (!mode.defaultBridge()) {
            return;
        }
        for (Link l : links) {
            Container child = find(l.name());
            if (child == null) {
                throw DockerException.invalid("could not get container for " + l.name() + ": No such container: " + l.name());
            }
            if (child.mode() instanceof NetworkMode.Host) {
                throw hostConflict();
            }
        }
    }

    private static DockerException hostConflict() {
        return DockerException.invalid("conflicting options: host type networking can't be used with links. This would result in undefined behavior");
    }

    /** The linked containers of c on the default bridge, each with its alias; every one must be running when c starts. */
    List<Container> children(Container c, List<Link> out, boolean mustRun) {
        List<Container> children = new ArrayList<>();
        if (!c.mode().defaultBridge()) {
            return children;
        }
        for (Link l : of(c.endpointSettings.get("bridge"))) {
            Container child = find(l.name());
            if (child == null || (!child.running() && !mustRun)) {
                continue;
            }
            if (!child.running()) {
                throw DockerException.conflict("Cannot link to a non running container: /" + child.name + " AS /" + c.name + "/" + l.alias());
            }
            children.add(child);
            out.add(l);
        }
        return children;
    }

    /** At start: the environment Docker gives the linking container, one block of variables per link. */
    List<String> env(Container c) {
        List<Link> links = new ArrayList<>();
        List<Container> children = children(c, links, true);
        List<String> env = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            env.addAll(env(c, children.get(i), links.get(i).alias()));
        }
        if (!children.isEmpty()) {
            d.tracer.note(Layer.DAEMON, null, "link", c.name, "Each legacy link gives " + c.name + " environment variables with the linked "
                    + "container's address, ports and environment, fixed at start, and a line in its /etc/hosts.", "");
        }
        return env;
    }

    private List<String> env(Container parent, Container child, String alias) {
        String prefix = alias.toUpperCase(Locale.ROOT).replace('-', '_');
        List<String> ports = new ArrayList<>(Views.exposed(child));
        ports.sort(Comparator.comparingInt((String p) -> Integer.parseInt(p.split("/")[0])).thenComparing(p -> p.endsWith("/tcp") ? 0 : 1));
        List<String> env = new ArrayList<>();
        String ip = child.ip;
        if (!ports.isEmpty()) {
            String[] first = ports.get(0).split("/");
            env.add(prefix + "_PORT=" + proto(first) + "://" + ip + ":" + first[0]);
        }
        for (String p : ports) {
            String[] pp = p.split("/");
            String key = prefix + "_PORT_" + pp[0] + "_" + proto(pp).toUpperCase(Locale.ROOT);
            env.add(key + "=" + proto(pp) + "://" + ip + ":" + pp[0]);
            env.add(key + "_ADDR=" + ip);
            env.add(key + "_PORT=" + pp[0]);
            env.add(key + "_PROTO=" + proto(pp));
        }
        env.add(prefix + "_NAME=/" + parent.name + "/" + alias);
        for (String e : Lifecycle.env(child)) {
            String name = e.substring(0, e.indexOf('='));
            if (!List.of("HOME", "PATH", "HOSTNAME").contains(name)) {
                env.add(prefix + "_ENV_" + e);
            }
        }
        return env;
    }

    private static String proto(String[] portProto) {
        return portProto.length > 1 ? portProto[1] : "tcp";
    }

    /** The /etc/hosts lines of c's legacy links: the linked container's address, then its alias, hostname and name. */
    List<String> hostsLines(Container c) {
        List<Link> links = new ArrayList<>();
        List<Container> children = children(c, links, false);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Container child = children.get(i);
            String alias = links.get(i).alias();
            String names = alias + " " + child.hostname + (alias.equals(child.name) ? "" : " " + child.name);
            if (!child.ip.isEmpty()) {
                out.add(child.ip + "\t" + names + "\n");
            }
        }
        return out;
    }

    /** HostConfig.Links as inspect shows them: {@code /child:/parent/alias}. */
    List<String> inspect(Container c) {
        List<String> out = new ArrayList<>();
        if (!c.mode().defaultBridge()) {
            return out;
        }
        for (Link l : of(c.endpointSettings.get("bridge"))) {
            Container child = find(l.name());
            if (child != null) {
                out.add("/" + child.name + ":/" + c.name + "/" + l.alias());
            }
        }
        return out;
    }

    /** On a user-defined network: "IP\tALIAS" for each of c's links there whose container runs on it. */
    List<String> networkAliasLines(Container c, Network n) {
        List<String> out = new ArrayList<>();
        for (Link l : of(c.endpointSettings.get(n.name()))) {
            Container child = find(l.name());
            String ip = child == null || !child.running() ? "" : d.networks.ipOn(child, n);
            if (!ip.isEmpty()) {
                out.add(ip + "\t" + l.alias() + "\n");
            }
        }
        return out;
    }
}
