package dev.glassbox.client;

import static dev.glassbox.client.Flag.Kind.BYTES;
import static dev.glassbox.client.Flag.Kind.INT;
import static dev.glassbox.client.Flag.Kind.LIST;
import static dev.glassbox.client.Flag.Kind.STRING;
import static dev.glassbox.client.Flag.Kind.STRINGS;
import static dev.glassbox.client.Flag.Kind.ULIMIT;
import static dev.glassbox.client.Flag.bool;
import static dev.glassbox.client.Flag.of;

import java.util.List;

/** {@code docker build} (and {@code docker image build}) with the legacy builder's flags, as docker 28's {@code --help} lists them. */
final class BuildSpec {
    /** Flags the CLI has that glassbox's builder does not carry out: refused when given. */
    static final List<String> UNSUPPORTED = List.of("add-host", "cache-from", "cgroup-parent", "compress", "cpu-period", "cpu-quota",
            "cpu-shares", "cpuset-cpus", "cpuset-mems", "force-rm", "iidfile", "isolation", "memory", "memory-swap", "network", "platform",
            "pull", "security-opt", "shm-size", "squash", "ulimit");

    private BuildSpec() {}

    static void add() {
        Spec spec = new Spec("build", "[OPTIONS] PATH | URL | -", "Build an image from a Dockerfile",
                List.of("docker image build", "docker build", "docker builder build"), List.of(
                of("", "add-host", LIST, "Add a custom host-to-IP mapping (\"host:ip\")"),
                of("", "build-arg", LIST, "Set build-time variables"),
                of("", "cache-from", STRINGS, "Images to consider as cache sources"),
                of("", "cgroup-parent", STRING, "Set the parent cgroup for the \"RUN\" instructions during build"),
                bool("", "compress", "Compress the build context using gzip"),
                of("", "cpu-period", INT, "Limit the CPU CFS (Completely Fair Scheduler) period"),
                of("", "cpu-quota", INT, "Limit the CPU CFS (Completely Fair Scheduler) quota"),
                of("c", "cpu-shares", INT, "CPU shares (relative weight)"),
                of("", "cpuset-cpus", STRING, "CPUs in which to allow execution (0-3, 0,1)"),
                of("", "cpuset-mems", STRING, "MEMs in which to allow execution (0-3, 0,1)"),
                bool("", "disable-content-trust", "Skip image verification").withDefault("true"),
                of("f", "file", STRING, "Name of the Dockerfile (Default is \"PATH/Dockerfile\")"),
                bool("", "force-rm", "Always remove intermediate containers"),
                of("", "iidfile", STRING, "Write the image ID to the file"),
                of("", "isolation", STRING, "Container isolation technology"),
                of("", "label", LIST, "Set metadata for an image"),
                of("m", "memory", BYTES, "Memory limit"),
                of("", "memory-swap", BYTES, "Swap limit equal to memory plus swap: -1 to enable unlimited swap"),
                of("", "network", STRING, "Set the networking mode for the RUN instructions during build").withDefault("\"default\""),
                bool("", "no-cache", "Do not use cache when building the image"),
                of("", "platform", STRING, "Set platform if server is multi-platform capable"),
                of("", "progress", STRING, "glassbox: show the build as BuildKit's plain printer would (plain)").hide(),
                bool("", "pull", "Always attempt to pull a newer version of the image"),
                bool("q", "quiet", "Suppress the build output and print image ID on success"),
                bool("", "rm", "Remove intermediate containers after a successful build").withDefault("true"),
                of("", "security-opt", STRINGS, "Security options"),
                of("", "shm-size", BYTES, "Size of \"/dev/shm\""),
                bool("", "squash", "Squash newly built layers into a single new layer").hide(),
                of("t", "tag", LIST, "Name and optionally a tag in the \"name:tag\" format"),
                of("", "target", STRING, "Set the target build stage to build."),
                of("", "ulimit", ULIMIT, "Ulimit options").withDefault("[]")), 1, 1, true);
        Specs.BY_PATH.put("build", spec);
        Specs.BY_PATH.put("image build", spec);
        Specs.BY_PATH.put("builder build", spec);
    }
}
