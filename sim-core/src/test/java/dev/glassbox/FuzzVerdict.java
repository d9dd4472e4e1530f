package dev.glassbox;

/** What a fuzzed command line must never print: a Java stack trace or exception name, or the engine's internal-error line. */
public final class FuzzVerdict {
    private FuzzVerdict() {}

    /** The offending line of {@code text}, or null when it is clean. */
    public static String bad(String text) {
        for (String l : text.split("\n")) {
            if (l.contains("internal error") || l.matches("\\s+at [\\w.$]+\\(.*\\)") || l.matches(".*\\bjava\\.(lang|util|io)\\.\\w+(Exception|Error)\\b.*")
                    || l.contains("NullPointerException") || l.contains("IndexOutOfBounds") || l.contains("NumberFormatException")) {
                return l.length() > 300 ? l.substring(0, 300) + "…" : l;
            }
        }
        return null;
    }
}
