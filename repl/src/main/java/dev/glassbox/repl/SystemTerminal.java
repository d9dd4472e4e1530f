package dev.glassbox.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The terminal glassbox was started in, opened the quick way. */
final class SystemTerminal {
    private SystemTerminal() {}

    /**
     * JNI alone first: it asks the kernel directly, where JLine's default provider list also spawns
     * {@code test -t 1} for the exec provider. Should JNI not load, the default list is the fallback.
     * A provider chosen with {@code -Dorg.jline.terminal.provider(s)} is respected.
     */
    static Terminal open() throws IOException {
        TermCaps.load();
        Terminal terminal = jniOrDefault();
        TermCaps.save();
        return terminal;
    }

    private static Terminal jniOrDefault() throws IOException {
        boolean chosen = System.getProperty(TerminalBuilder.PROP_PROVIDER) != null
                || System.getProperty(TerminalBuilder.PROP_PROVIDERS) != null;
        if (!chosen) {
            Terminal jni = builder().provider(TerminalBuilder.PROP_PROVIDER_JNI).build();
            if (!Repl.isDumb(jni) || System.console() == null) {
                return jni;
            }
            jni.close();
        }
        return builder().build();
    }

    /**
     * UTF-8 whatever the locale says: the trace tree is drawn with box characters, and a shell with
     * no LANG set (a container, a CI job) would otherwise print them as question marks.
     */
    private static TerminalBuilder builder() {
        return TerminalBuilder.builder().name("glassbox").system(true).dumb(true).encoding(StandardCharsets.UTF_8);
    }
}
