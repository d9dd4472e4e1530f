package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.Cgroups;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.KernelInfo;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.Mounts;
import dev.glassbox.kernel.Net;
import dev.glassbox.kernel.Processes;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.trace.Tracer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kernel whose HostFs, like the Linux kernel's, refuses host paths outside its state root: the
 * daemon passes the refusal on as one line and changes nothing.
 */
class ConfinedHostPathTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "docker run --rm -v /srv/www:/www busybox true|docker: Error response from daemon: glassbox: refusing host path '/srv/www': outside the state root /var/lib/docker|125",
        "docker run --rm --mount type=bind,src=/etc,dst=/x busybox true|docker: Error response from daemon: glassbox: refusing host path '/etc': outside the state root /var/lib/docker|125",
        "docker save -o /tmp/b.tar busybox|Error response from daemon: glassbox: refusing host path '/tmp/b.tar': outside the state root /var/lib/docker|1",
        "docker run --rm -v /var/lib/docker/files/www:/www busybox true||0"})
    void hostPathsOutsideTheStateRootAreRefusedInOneLine(String line, String err, int status) {
        try (Engine e = Engine.on(new Confined(new SimKernel(Engine.DEFAULT_SEED, Programs::lookup)))) {
            e.run("docker pull -q busybox");
            var before = e.state().get("daemon");
            Result r = e.run(line);
            String help = line.startsWith("docker run") ? "\n\nRun 'docker run --help' for more information" : "";
            assertEquals(err == null ? "" : err + help + "\n", r.err());
            assertEquals(status, r.exitStatus());
            if (status != 0) {
                assertEquals(before, e.state().get("daemon"));
            }
        }
    }

    /** The sim kernel with a HostFs confined to the data root, as LinuxHostFs is to its state root. */
    private record Confined(SimKernel k) implements Kernel {
        @Override public void trace(Tracer tracer) { k.trace(tracer); }
        @Override public String name() { return k.name(); }
        @Override public KernelInfo info() { return k.info(); }
        @Override public long currentTimeMillis() { return k.currentTimeMillis(); }
        @Override public byte[] random(int bytes) { return k.random(bytes); }
        @Override public void idle(long millis) { k.idle(millis); }
        @Override public Processes processes() { return k.processes(); }
        @Override public Cgroups cgroups() { return k.cgroups(); }
        @Override public Mounts mounts() { return k.mounts(); }
        @Override public Net net() { return k.net(); }
        @Override public KernelState state() { return k.state(); }
        @Override public void close() { k.close(); }

        @Override
        public HostFs fs() {
            HostFs fs = k.fs();
            return new HostFs() {
                private String in(String path) {
                    if (!path.startsWith(layout().dataRoot() + "/")) {
                        throw new IllegalArgumentException("glassbox: refusing host path '" + path + "': outside the state root " + layout().dataRoot());
                    }
                    return path;
                }

                @Override public void mkdirs(String path) { fs.mkdirs(in(path)); }
                @Override public boolean exists(String path) { return fs.exists(in(path)); }
                @Override public void unpackLayer(String dir, List<FileEntry> entries) { fs.unpackLayer(in(dir), entries); }
                @Override public List<FileEntry> readTree(String dir) { return fs.readTree(in(dir)); }
                @Override public void writeFile(String path, byte[] data) { fs.writeFile(in(path), data); }
                @Override public byte[] readFile(String path) { return fs.readFile(in(path)); }
                @Override public void remove(String path) { fs.remove(in(path)); }
                @Override public void copyTree(String from, String to) { fs.copyTree(in(from), in(to)); }
                @Override public void chown(String path, int uid, int gid) { fs.chown(in(path), uid, gid); }
                @Override public void chmod(String path, int mode) { fs.chmod(in(path), mode); }
                @Override public long diskUsage(String path) { return fs.diskUsage(in(path)); }
                @Override public dev.glassbox.kernel.FileStat stat(String path) { return fs.stat(in(path)); }
            };
        }
    }
}
