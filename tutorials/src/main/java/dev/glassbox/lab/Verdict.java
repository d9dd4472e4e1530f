package dev.glassbox.lab;

/** What one goal's check found: met, or unmet with one sentence that says what is missing. */
record Verdict(boolean met, String missing) {
    static final Verdict MET = new Verdict(true, "");

    static Verdict unmet(String sentence) {
        return new Verdict(false, sentence);
    }
}
