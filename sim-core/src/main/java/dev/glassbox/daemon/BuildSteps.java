package dev.glassbox.daemon;

import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.HostConfig;
import dev.glassbox.daemon.dockerfile.Instruction;
import dev.glassbox.daemon.dockerfile.ShellLex;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Healthcheck;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.LayerArchive;
import dev.glassbox.kernel.Signals;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The classic builder's dispatchers: each instruction changes the stage's config and is committed as an
 * image, through a build container the way moby does it ({@code  ---> Running in …}, then removed), or
 * found in the build cache ({@code  ---> Using cache}).
 */
final class BuildSteps {
    private final Daemon d;
    private final BuildImages images;
    private final BuildCopy copies;
    private final boolean noCache;

    BuildSteps(Daemon d, BuildImages images, BuildCopy copies, boolean noCache) {
        this.d = d;
        this.images = images;
        this.copies = copies;
        this.noCache = noCache;
    }

    void dispatch(BuildStage st, Instruction in) {
        BuildConfig c = st.cfg;
        if (in instanceof Instruction.Run r) {
            run(st, r);
        } else if (in instanceof Instruction.Copy cp) {
            if (!cp.chmod().isEmpty()) {
                throw needsBuildKit("chmod");
            }
            copies.copy(st, cp, this);
        } else if (in instanceof Instruction.Env e) {
            ShellLex lex = st.lex();
            StringBuilder msg = new StringBuilder("ENV");
            for (Instruction.Pair p : e.pairs()) {
                String kv = lex.word(p.key()) + "=" + lex.word(p.value());
                msg.append(' ').append(kv);
                c.putEnv(kv);
            }
            metadata(st, msg.toString());
        } else if (in instanceof Instruction.Label l) {
            ShellLex lex = st.lex();
            StringBuilder msg = new StringBuilder("LABEL");
            for (Instruction.Pair p : l.pairs()) {
                String k = lex.word(p.key());
                String v = lex.word(p.value());
                c.labels.put(k, v);
                msg.append(' ').append(k).append('=').append(v);
            }
            metadata(st, msg.toString());
        } else if (in instanceof Instruction.Arg a) {
            ShellLex lex = st.lex();
            StringBuilder msg = new StringBuilder("ARG ");
            for (int i = 0; i < a.args().size(); i++) {
                Instruction.ArgDef def = a.args().get(i);
                String value = def.value() == null ? null : lex.word(def.value());
                msg.append(i > 0 ? " " : "").append(def.key()).append(value == null ? "" : "=" + value);
                st.args.add(def.key(), value);
            }
            metadata(st, msg.toString());
        } else if (in instanceof Instruction.Cmd x) {
            c.cmd = resolve(x.command(), c);
            st.cmdSet = st.cmdSet || !x.command().args().isEmpty();
            metadata(st, "CMD " + BuildText.quoted(c.cmd));
        } else if (in instanceof Instruction.Entrypoint x) {
            c.entrypoint = resolve(x.command(), c);
            if (!st.cmdSet) {
                c.cmd = null;
            }
            metadata(st, "ENTRYPOINT " + BuildText.quoted(c.entrypoint));
        } else if (in instanceof Instruction.Shell x) {
            c.shell = x.shell();
            metadata(st, "SHELL " + BuildText.plain(x.shell()));
        } else if (in instanceof Instruction.User u) {
            c.user = st.lex().word(u.user());
            metadata(st, "USER " + c.user);
        } else if (in instanceof Instruction.StopSignal s) {
            String sig = st.lex().word(s.signal());
            if (Signals.parse(sig) < 0) {
                throw DockerException.invalid("Invalid signal: " + sig);
            }
            c.stopSignal = sig;
            metadata(st, "STOPSIGNAL " + sig);
        } else if (in instanceof Instruction.Maintainer m) {
            st.maintainer = m.maintainer();
            metadata(st, "MAINTAINER " + m.maintainer());
        } else if (in instanceof Instruction.Expose x) {
            List<String> ports = new ArrayList<>();
            for (String p : x.ports()) {
                ports.addAll(st.lex().words(p));
            }
            for (String p : ports) {
                c.exposedPorts.add(BuildText.port(p));
            }
            metadata(st, "EXPOSE " + String.join(" ", ports));
        } else if (in instanceof Instruction.Volume v) {
            List<String> paths = new ArrayList<>();
            for (String p : v.paths()) {
                String path = st.lex().word(p);
                if (path.isEmpty()) {
                    throw DockerException.invalid("VOLUME specified can not be an empty string");
                }
                paths.add(path);
                c.volumes.add(path);
            }
            metadata(st, "VOLUME " + BuildText.plain(paths));
        } else if (in instanceof Instruction.Healthcheck h) {
            if (c.healthcheck != null && !c.healthcheck.test().isEmpty() && !c.healthcheck.disabled()) {
                st.print("Note: overriding previous HEALTHCHECK: " + BuildText.plain(c.healthcheck.test()));
            }
            c.healthcheck = new Healthcheck(h.test(), h.interval(), h.timeout(), h.startPeriod(), h.retries());
            metadata(st, "HEALTHCHECK " + BuildText.healthcheck(c.healthcheck));
        } else if (in instanceof Instruction.Workdir w) {
            workdir(st, BuildText.workdir(c.workingDir, st.lex().word(w.path())));
        } else if (in instanceof Instruction.Onbuild o) {
            c.onBuild.add(o.trigger());
            metadata(st, "ONBUILD " + o.trigger());
        } else if (in instanceof Instruction.From f) {
            throw new IllegalStateException("FROM starts a stage");
        }
    }

    /** CMD and ENTRYPOINT: exec form as written, shell form wrapped in the SHELL. */
    private static List<String> resolve(Instruction.Command cmd, BuildConfig c) {
        if (cmd.json()) {
            return cmd.args();
        }
        List<String> out = new ArrayList<>(c.shellOrDefault());
        out.addAll(cmd.args());
        return out;
    }

    /** The run config's command for a metadata step, {@code /bin/sh -c #(nop)  ENV A=b}, committed as a config-only image. */
    void metadata(BuildStage st, String comment) {
        List<String> nop = new ArrayList<>(st.cfg.shellOrDefault());
        nop.add("#(nop) ");
        nop.add(comment);
        step(st, nop, List::of);
    }

    private void workdir(BuildStage st, String dir) {
        st.cfg.workingDir = dir;
        List<String> nop = new ArrayList<>(st.cfg.shellOrDefault());
        nop.add("#(nop) WORKDIR " + dir);
        step(st, nop, () -> {
            List<FileEntry> made = new ArrayList<>();
            var files = BuildImages.files(st.image);
            String rel = "";
            for (String part : dir.substring(1).split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                rel = rel.isEmpty() ? part : rel + "/" + part;
                if (!files.containsKey(rel)) {
                    made.add(FileEntry.dir(rel, 0755));
                }
            }
            return made;
        });
    }

    /** A step that needs no process: probe the cache, else a created (never started) container, the commit, the removal. */
    private void step(BuildStage st, List<String> cmd, java.util.function.Supplier<List<FileEntry>> changes) {
        String createdBy = String.join(" ", cmd);
        if (cached(st, createdBy)) {
            return;
        }
        Container c = st.image == null ? null : create(st, cmd, List.of());
        List<FileEntry> files = changes.get();
        Layer layer = files.isEmpty() ? null : LayerArchive.layer(files);
        st.image = d.images.byId.get(images.commit(st.image, st.cfg, createdBy, layer, st.maintainer)).image();
        if (c != null) {
            removeContainer(st, c);
        }
    }

    /** Whether the cache has this step: the stage moves to the cached image and {@code  ---> Using cache} is printed. */
    boolean cached(BuildStage st, String createdBy) {
        if (noCache) {
            return false;
        }
        Optional<Images.Stored> hit = images.probe(st.imageId(), createdBy, st.cfg);
        if (hit.isEmpty()) {
            return false;
        }
        st.print(" ---> Using cache");
        st.image = hit.get().image();
        st.cfg.adopt(st.image.config());
        return true;
    }

    /** What the classic builder answers for a flag it parses but only BuildKit carries out. */
    static DockerException needsBuildKit(String flag) {
        return DockerException.invalid("the --" + flag
                + " option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled");
    }

    private void run(BuildStage st, Instruction.Run r) {
        if (!r.buildKitFlags().isEmpty()) {
            throw needsBuildKit(r.buildKitFlags().get(0)); // the classic builder's RUN takes no flag: it fails on the first
        }
        BuildConfig c = st.cfg;
        List<String> cmd = resolve(r.command(), c);
        List<String> argEnv = st.args.filterAllowed(c.env);
        List<String> saveCmd = new ArrayList<>();
        if (!argEnv.isEmpty()) {
            saveCmd.add("|" + argEnv.size());
            saveCmd.addAll(argEnv);
        }
        saveCmd.addAll(cmd);
        if (cached(st, String.join(" ", saveCmd))) {
            return;
        }
        if (st.image == null) {
            throw DockerException.invalid("Please provide a source image with `from` prior to run");
        }
        Container ctr = create(st, cmd, argEnv);
        int code;
        try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "run step", ctr.name, "The build container runs "
                + String.join(" ", cmd) + " to its end; what it prints is the build's output.", String.join(" ", cmd))) {
            code = BuildOutput.follow(d, ctr, st.out);
        }
        if (code != 0) {
            throw DockerException.invalid("The command '" + String.join(" ", cmd) + "' returned a non-zero code: " + code);
        }
        List<FileEntry> entries = d.images.storage.driver.diff(ctr.rootfs);
        if (d.options.remapped()) {
            entries = d.options.usernsRemap().unshift(entries);
        }
        Layer layer = entries.isEmpty() ? null : LayerArchive.layer(entries);
        st.image = d.images.byId.get(images.commit(st.image, c, String.join(" ", saveCmd), layer, st.maintainer)).image();
        removeContainer(st, ctr);
    }

    /** A build container on the stage's image, as moby's builder creates one; {@code  ---> Running in …}. */
    private Container create(BuildStage st, List<String> cmd, List<String> argEnv) {
        BuildConfig c = st.cfg;
        List<String> env = new ArrayList<>(c.envList());
        env.addAll(argEnv);
        ContainerConfig config = new ContainerConfig(st.imageId(), cmd, List.of(), env, c.workingDir, "", c.user, List.of(),
                java.util.Map.of(), false, false, "", null);
        String id = d.creations.create(null, config, HostConfig.defaults()).id();
        st.print(" ---> Running in " + id.substring(0, 12));
        return d.container(id);
    }

    private void removeContainer(BuildStage st, Container c) {
        d.lifecycle.remove(c);
        st.print(" ---> Removed intermediate container " + c.id.substring(0, 12));
    }
}
