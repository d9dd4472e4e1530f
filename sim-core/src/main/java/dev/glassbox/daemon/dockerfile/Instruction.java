package dev.glassbox.daemon.dockerfile;

import java.util.List;

/**
 * One Dockerfile instruction, parsed but not yet expanded: words that take variables still hold their
 * {@code $VAR}s and quotes, which the builder resolves against the stage's variables when it gets there.
 * {@code original} is the line as written (what {@code Step 2/6 : …} shows).
 */
public sealed interface Instruction {
    int line();

    String original();

    /** A command in exec form (JSON, {@code json} true) or shell form (one string, wrapped in the SHELL). */
    record Command(List<String> args, boolean json) {
        public Command {
            args = List.copyOf(args);
        }
    }

    /** {@code NAME=value} of ENV and LABEL, unexpanded. */
    record Pair(String key, String value) {}

    /** {@code ARG NAME[=default]}; {@code value} null without a default. */
    record ArgDef(String key, String value) {}

    record From(int line, String original, String image, String stageName, String platform) implements Instruction {}

    /** {@code buildKitFlags}: the flags only BuildKit carries out ({@code --mount}, {@code --network}, {@code --device}), which the classic builder refuses when it gets to the step. */
    record Run(int line, String original, Command command, List<String> buildKitFlags) implements Instruction {
        public Run {
            buildKitFlags = List.copyOf(buildKitFlags);
        }

        public Run(int line, String original, Command command) {
            this(line, original, command, List.of());
        }
    }

    record Cmd(int line, String original, Command command) implements Instruction {}

    record Entrypoint(int line, String original, Command command) implements Instruction {}

    record Shell(int line, String original, List<String> shell) implements Instruction {
        public Shell {
            shell = List.copyOf(shell);
        }
    }

    /**
     * COPY, or ADD when {@code add}; {@code from}, {@code chown} and {@code chmod} empty when not given (the classic
     * builder refuses {@code --chmod} when it gets to the step, and ignores {@code --link}).
     */
    record Copy(int line, String original, boolean add, List<String> sources, String dest, String chown, String from, String chmod)
            implements Instruction {
        public Copy {
            sources = List.copyOf(sources);
        }

        public Copy(int line, String original, boolean add, List<String> sources, String dest, String chown, String from) {
            this(line, original, add, sources, dest, chown, from, "");
        }

        public String name() {
            return add ? "ADD" : "COPY";
        }
    }

    record Env(int line, String original, List<Pair> pairs) implements Instruction {
        public Env {
            pairs = List.copyOf(pairs);
        }
    }

    record Label(int line, String original, List<Pair> pairs) implements Instruction {
        public Label {
            pairs = List.copyOf(pairs);
        }
    }

    record Arg(int line, String original, List<ArgDef> args) implements Instruction {
        public Arg {
            args = List.copyOf(args);
        }
    }

    record Workdir(int line, String original, String path) implements Instruction {}

    record User(int line, String original, String user) implements Instruction {}

    record StopSignal(int line, String original, String signal) implements Instruction {}

    record Maintainer(int line, String original, String maintainer) implements Instruction {}

    record Expose(int line, String original, List<String> ports) implements Instruction {
        public Expose {
            ports = List.copyOf(ports);
        }
    }

    record Volume(int line, String original, List<String> paths) implements Instruction {
        public Volume {
            paths = List.copyOf(paths);
        }
    }

    /** {@code test} in Docker's form ({@code CMD-SHELL …}, {@code CMD …}, {@code NONE}); durations in nanoseconds, 0 when not given. */
    record Healthcheck(int line, String original, List<String> test, long interval, long timeout, long startPeriod, int retries)
            implements Instruction {
        public Healthcheck {
            test = List.copyOf(test);
        }
    }

    record Onbuild(int line, String original, String trigger) implements Instruction {}
}
