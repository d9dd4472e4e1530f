package dev.glassbox.linux;

import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.StdioContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The interactive stdio contract on the host's kernel: the LinuxKernel (through its Serialized processes) under a temporary state root. */
class LinuxStdioContractTest extends StdioContract {
    @TempDir
    Path tmp;

    @Override
    protected Kernel newKernel() {
        try {
            BusyboxSandboxes.assumeReady();
            return new LinuxKernelContractTest.TestKernel(Files.createDirectories(tmp.resolve("state")).toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String root() {
        return ((LinuxKernelContractTest.TestKernel) kernel).state + "/t";
    }

    @Override
    protected void unpackBusybox(Kernel k, String dir) {
        LinuxKernelContractTest.busybox(dir);
    }
}
