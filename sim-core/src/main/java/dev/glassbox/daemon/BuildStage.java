package dev.glassbox.daemon;

import dev.glassbox.daemon.dockerfile.ShellLex;
import dev.glassbox.image.Image;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** One stage being built (moby's dispatchState): the image so far, its run config and its ARGs. */
final class BuildStage {
    /** The current image; null while a {@code FROM scratch} stage has made none. */
    Image image;
    final BuildConfig cfg;
    final BuildArgs args;
    final char escape;
    final Consumer<String> out;
    String maintainer = "";
    /** Whether a CMD of this stage set the command (an ENTRYPOINT after it keeps it). */
    boolean cmdSet;

    BuildStage(Image base, BuildArgs args, char escape, Consumer<String> out) {
        this.image = base;
        this.cfg = BuildConfig.of(base == null ? null : base.config());
        this.args = args;
        this.escape = escape;
        this.out = out;
    }

    String imageId() {
        return image == null ? "" : image.id().toString();
    }

    /** The variables the builder expands words with: the config's ENV, then the stage's ARGs that no ENV overrides. */
    ShellLex lex() {
        Map<String, String> vars = new LinkedHashMap<>(cfg.env);
        for (String kv : args.filterAllowed(cfg.env)) {
            int eq = kv.indexOf('=');
            vars.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new ShellLex(escape, vars);
    }

    void print(String line) {
        out.accept(line + "\n");
    }
}
