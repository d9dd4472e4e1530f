package dev.glassbox.sim.programs;

import dev.glassbox.image.SimBinary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A container-like root for tests: busybox with its applet links, /etc files, and a fake kernel under it. */
final class World {
    record Result(int status, String out, String err) {}

    final FakeKernel k = new FakeKernel();

    World() {
        binary("/bin/busybox", "busybox");
        for (String applet : Programs.applets()) {
            if (!applet.equals("[")) {
                k.fs.symlink("/bin/busybox", "/bin/" + applet);
            }
        }
        k.fs.mkdirs("/usr/bin");
        k.fs.symlink("/bin/busybox", "/usr/bin/[");
        file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
                + "nobody:x:65534:65534:nobody:/home:/bin/false\n");
        file("/etc/group", "root:x:0:\ndaemon:x:1:\nwheel:x:10:root\nnogroup:x:65534:\n");
        file("/etc/hosts", "127.0.0.1\tlocalhost\n172.17.0.2\tc0ffee123456\n172.17.0.5\tweb\n");
        file("/etc/resolv.conf", "nameserver 127.0.0.11\n");
        k.fs.mkdirs("/dev");
        k.fs.mkdirs("/tmp");
        k.fs.mkdirs("/root");
        file("/dev/null", "");
        file("/dev/stdout", "");
        file("/dev/stderr", "");
    }

    void binary(String path, String program) {
        k.fs.mkdirs(path.substring(0, path.lastIndexOf('/')));
        k.fs.write(path, SimBinary.header(program), false);
        k.fs.resolve(path, true).node().mode = 0755;
    }

    void file(String path, String text) {
        k.fs.file(path, text, 0644);
    }

    void script(String path, String text) {
        k.fs.file(path, text, 0755);
    }

    String read(String path) {
        synchronized (k) {
            return new String(k.fs.read(path), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    boolean exists(String path) {
        synchronized (k) {
            try {
                k.fs.resolve(path, false);
                return true;
            } catch (dev.glassbox.kernel.SysError e) {
                return false;
            }
        }
    }

    Result run(String program, String stdin, String... argv) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int st = k.run(program, Arrays.asList(argv), stdin, out, err);
        synchronized (k) {
            return new Result(st, out.toString(), err.toString());
        }
    }

    Result sh(String script) {
        return run("sh", "", "sh", "-c", script);
    }

    Result sh(String flavor, String script) {
        return run(flavor, "", flavor, "-c", script);
    }

    /** Runs a busybox applet the way a shell would exec it. */
    Result applet(String... argv) {
        List<String> a = new ArrayList<>(Arrays.asList(argv));
        return run("busybox", "", a.toArray(new String[0]));
    }
}
