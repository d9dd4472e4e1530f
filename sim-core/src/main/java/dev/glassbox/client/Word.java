package dev.glassbox.client;

import java.util.List;

/**
 * One word of a command line before the shell expands it: literal text and command substitutions
 * ({@code $(docker ps -q)} or backquotes), each remembered as quoted or not, since a substitution
 * outside double quotes is split into words and one that gives nothing removes the word.
 */
public record Word(List<Part> parts) {
    public Word {
        parts = List.copyOf(parts);
    }

    /** A piece of a word. */
    public sealed interface Part permits Text, Substitution {}

    /** Literal text; {@code quoted} when it came (partly) from quotes, so that even "" is a word. */
    public record Text(String text, boolean quoted) implements Part {}

    /** {@code $(…)} or {@code `…`}: the commands inside, run before the word is used; {@code source} as typed. */
    public record Substitution(List<CommandLine.Command> commands, String source, boolean quoted) implements Part {
        public Substitution {
            commands = List.copyOf(commands);
        }
    }

    /** A word of literal text only. */
    public static Word literal(String text) {
        return new Word(List.of(new Text(text, true)));
    }

    /** Whether the word holds no command substitution. */
    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Text);
    }

    /** The word as text, a substitution written as typed: what a word means when nothing is run. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            b.append(p instanceof Text t ? t.text() : ((Substitution) p).source());
        }
        return b.toString();
    }
}
