package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.ExitStatus;
import dev.glassbox.kernel.SysError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper's build and protocol pieces that need no root. */
class InitHelperTest {
    @TempDir
    Path tmp;

    @Test
    void theSourceCompilesWithoutWarningsAndTheBinaryIsNamedByItsHash() throws IOException {
        boolean cc = Cmd.onPath("cc");
        if (!cc) {
            System.out.println("glassbox: skipping: " + InitHelper.NO_COMPILER);
        }
        assumeTrue(cc, InitHelper.NO_COMPILER);
        Path src = tmp.resolve("glassbox-init.c");
        try (var in = InitHelper.class.getResourceAsStream(InitHelper.SOURCE)) {
            Files.write(src, in.readAllBytes());
        }
        Cmd.Result r = Cmd.run(List.of("cc", "-O2", "-Wall", "-Wextra", "-Wno-format-truncation", "-Werror", "-o", tmp.resolve("x").toString(),
                src.toString()), 60_000);
        assertEquals(0, r.exit(), r.stderr());
        Path bin = InitHelper.binary(tmp.resolve("state"));
        assertTrue(bin.getFileName().toString().matches("glassbox-init-[0-9a-f]{12}"), bin.toString());
        assertEquals(bin, InitHelper.binary(tmp.resolve("state")), "built once");
        assertEquals(List.of(bin.getFileName().toString()), Files.list(bin.getParent()).map(p -> p.getFileName().toString()).toList(),
                "no temporary file is left");
        Cmd.Result usage = Cmd.run(List.of(bin.toString()), 5_000);
        assertEquals(2, usage.exit());
        assertTrue(usage.stderr().startsWith("usage: glassbox-init"), usage.stderr());
    }

    @Test
    void fieldsAreEscapedSoAnyArgumentFitsOnOneLine() {
        assertEquals("a%09b%0Ac%25d", InitHelper.escape("a\tb\nc%d"));
        assertThrows(IllegalArgumentException.class, () -> InitHelper.escape("a\0b"));
    }

    @Test
    void errorsCarryTheErrnoName() {
        SysError e = InitHelper.error("error 2 mount: no such file or directory");
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("mount: no such file or directory", e.getMessage());
        assertEquals(Errno.EPERM, InitHelper.error("error 1 x: operation not permitted").errno());
        assertEquals(Errno.EIO, InitHelper.error("garbage").errno());
    }

    @Test
    void theExitFileIsReadBack() throws IOException {
        Files.writeString(tmp.resolve("exit"), "signal 9\n");
        assertEquals(Optional.of(ExitStatus.killed(9, false)), Shims.readExit(tmp));
        Files.writeString(tmp.resolve("exit"), "exit 3\n");
        assertEquals(Optional.of(ExitStatus.exited(3)), Shims.readExit(tmp));
        Files.delete(tmp.resolve("exit"));
        assertEquals(Optional.empty(), Shims.readExit(tmp));
    }
}
