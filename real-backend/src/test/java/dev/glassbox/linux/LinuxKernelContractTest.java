package dev.glassbox.linux;

import dev.glassbox.kernel.Cgroups;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.KernelContract;
import dev.glassbox.kernel.KernelInfo;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.Mounts;
import dev.glassbox.kernel.Net;
import dev.glassbox.kernel.Processes;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel SPI contract on the host's kernel, with the Linux parts put together as a LinuxKernel
 * would: processes, mounts, cgroups and the host filesystem under one temporary state root. The
 * veth test is left to LinuxNetRealTest, which runs it in a network namespace of its own rather than
 * in the host's.
 */
@ExtendWith(LinuxKernelContractTest.NotOnTheHostsNetwork.class)
class LinuxKernelContractTest extends KernelContract {
    @TempDir
    Path tmp;

    static final class NotOnTheHostsNetwork implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean net = context.getTestMethod().map(m -> m.getName().equals("vethPairConnectsContainerToBridge")).orElse(false);
            return net ? ConditionEvaluationResult.disabled("would create links in the host's network namespace; LinuxNetRealTest covers veth+bridge")
                    : ConditionEvaluationResult.enabled("");
        }
    }

    /** The Linux parts under one state root; close() kills, unmounts and removes what the test left. */
    private static final class TestKernel implements Kernel {
        final Path state;
        final LinuxHostFs fs;
        final LinuxProcesses processes;
        final LinuxMounts mounts;
        final LinuxCgroups cgroups;

        TestKernel(Path state) {
            this.state = state;
            Tracer tracer = null;
            this.fs = new LinuxHostFs(state);
            this.processes = new LinuxProcesses(state, tracer);
            this.mounts = new LinuxMounts(new LinuxOverlayMounts(state, tracer), processes, tracer);
            this.cgroups = new LinuxCgroups(CgroupLayout.detect(), tracer);
        }

        @Override public void trace(Tracer tracer) { }
        @Override public String name() { return "linux"; }
        @Override public KernelInfo info() { throw new UnsupportedOperationException(); }
        @Override public long currentTimeMillis() { return System.currentTimeMillis(); }
        @Override public byte[] random(int bytes) { return new byte[bytes]; }
        @Override public void idle(long millis) { }
        @Override public HostFs fs() { return fs; }
        @Override public Processes processes() { return processes; }
        @Override public Cgroups cgroups() { return cgroups; }
        @Override public Mounts mounts() { return mounts; }
        @Override public Net net() { throw new UnsupportedOperationException("not in this test"); }
        @Override public KernelState state() { throw new UnsupportedOperationException(); }

        @Override
        public void close() {
            processes.killAll();
            try {
                for (String m : BusyboxSandboxes.mountsUnder(state)) {
                    Cmd.run(List.of("umount", "-l", m), 5_000);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String cg : List.of("glassbox-test/c3", "glassbox-test")) {
                try {
                    cgroups.remove(cg);
                } catch (RuntimeException e) {
                    // not there: the test removed it or never made it
                }
            }
        }
    }

    @Override
    protected Kernel newKernel() {
        try {
            BusyboxSandboxes.assumeReady();
            return new TestKernel(Files.createDirectories(tmp.resolve("state")).toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String root() {
        return ((TestKernel) kernel).state + "/t";
    }

    @Override
    protected void unpackBusybox(Kernel k, String dir) {
        try {
            Path bin = Files.createDirectories(Path.of(dir, "bin"));
            Files.copy(BusyboxSandboxes.busybox(), bin.resolve("busybox"));
            for (String a : BusyboxSandboxes.APPLETS) {
                Files.createSymbolicLink(bin.resolve(a), Path.of("busybox"));
            }
            for (String d : List.of("proc", "dev", "etc", "tmp")) {
                Files.createDirectories(Path.of(dir, d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
