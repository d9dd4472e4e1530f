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
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel SPI contract on the host's kernel: the LinuxKernel under one temporary state root, with
 * names of this JVM's own. The veth test's bridge is this kernel's own bridge name, which its close
 * sweeps with every veth plugged into it, so a test that fails half-way leaves no link behind.
 */
class LinuxKernelContractTest extends KernelContract {
    @TempDir
    Path tmp;

    /**
     * The LinuxKernel itself under a temporary state root, with names of this JVM's own; closing it
     * takes apart what it made, and the cgroups the contract makes outside its parent go with it.
     */
    static final class TestKernel implements Kernel {
        final Path state;
        final LinuxKernel linux;

        TestKernel(Path state) {
            this.state = state;
            this.linux = LinuxKernel.open(LinuxKernel.Options.at(state).named(HostRoot.unique("ctr")));
        }

        @Override public void trace(Tracer tracer) { linux.trace(tracer); }
        @Override public String name() { return linux.name(); }
        @Override public KernelInfo info() { return linux.info(); }
        @Override public long currentTimeMillis() { return linux.currentTimeMillis(); }
        @Override public byte[] random(int bytes) { return linux.random(bytes); }
        @Override public void idle(long millis) { linux.idle(millis); }
        @Override public HostFs fs() { return linux.fs(); }
        @Override public Processes processes() { return linux.processes(); }
        @Override public Cgroups cgroups() { return linux.cgroups(); }
        @Override public Mounts mounts() { return linux.mounts(); }
        @Override public Net net() { return linux.net(); }
        @Override public KernelState state() { return linux.state(); }

        @Override
        public void close() {
            linux.close();
            for (String cg : List.of("glassbox-test/c3", "glassbox-test")) {
                try {
                    linux.cgroups().remove(cg);
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
    protected String testBridge() {
        return ((TestKernel) kernel).linux.options().bridge();
    }

    @Override
    protected String testVeth() {
        return "veth" + Long.toHexString(ProcessHandle.current().pid() & 0xfffffff);
    }

    @Override
    protected String root() {
        return ((TestKernel) kernel).state + "/t";
    }

    @Override
    protected void unpackBusybox(Kernel k, String dir) {
        busybox(dir);
    }

    /** The host's static busybox with its applets, and the directories a container's mounts need, under {@code dir}. */
    static void busybox(String dir) {
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
