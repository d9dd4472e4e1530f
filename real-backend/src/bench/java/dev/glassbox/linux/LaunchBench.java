package dev.glassbox.linux;

import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starting a real container, beside a baseline measured in the same run: clone → rootfs → execve
 * of /bin/true → exit through LinuxProcesses and LinuxMounts, against a bare
 * {@code unshare --fork --pid --mount --uts --ipc --net chroot ROOTFS /bin/true}. Needs root.
 * Run: mvn -q -Pbench -pl real-backend verify
 */
public final class LaunchBench {
    private LaunchBench() {}

    private static double median(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return s.get(s.size() / 2) / 1e6;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 20);
        Path tmp = Files.createTempDirectory("glassbox-launch-bench");
        List<Long> total = new ArrayList<>();
        List<Long> toExit = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        try (BusyboxSandboxes boxes = new BusyboxSandboxes(tmp, null)) {
            InitHelper.binary(boxes.state); // compile once, outside the measurement
            for (int i = -3; i < n; i++) {
                String id = "bench" + (i + 3);
                long t0 = System.nanoTime();
                Sandbox sb = boxes.create(id, id);
                boxes.processes.exec(sb, new ExecSpec(List.of("/bin/true"), BusyboxSandboxes.ENV, "/", 0, 0, "", ExecSpec.OutputSink.DISCARD));
                int code = boxes.processes.waitFor(sb.pid(), 10_000).orElseThrow().code();
                long t1 = System.nanoTime();
                boxes.processes.release(sb);
                boxes.overlay.unmount(boxes.state.resolve("containers/" + id + "/merged").toString());
                long t2 = System.nanoTime();
                if (code != 0) {
                    throw new IllegalStateException("/bin/true exited " + code);
                }
                if (i >= 0) {
                    toExit.add(t1 - t0);
                    total.add(t2 - t0);
                }
            }
            for (int i = -3; i < n; i++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("unshare", "--fork", "--pid", "--mount", "--uts", "--ipc", "--net", "chroot",
                        boxes.layer.toString(), "/bin/true").inheritIO().start();
                int code = p.waitFor();
                long t1 = System.nanoTime();
                if (code != 0) {
                    throw new IllegalStateException("unshare … chroot exited " + code);
                }
                if (i >= 0) {
                    baseline.add(t1 - t0);
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("glassbox: could not remove " + tmp + ": " + e);
            }
        }
        double base = median(baseline);
        System.out.printf("glassbox launch bench, %d runs each, medians:%n", n);
        System.out.printf("  baseline unshare --fork --pid --mount --uts --ipc --net chroot ROOTFS /bin/true: %.2f ms%n", base);
        System.out.printf("  clone → overlay → prepareRoot → 6 mounts → pivot_root → sethostname → execve /bin/true → exit: %.2f ms (%.1fx)%n",
                median(toExit), median(toExit) / base);
        System.out.printf("  … plus release and umount of the overlay: %.2f ms (%.1fx)%n", median(total), median(total) / base);
    }
}
