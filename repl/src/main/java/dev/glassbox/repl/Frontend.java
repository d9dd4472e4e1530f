package dev.glassbox.repl;

/** What differs between a person at a terminal and a script: colour, bars, step keys, clearing. */
record Frontend(Style style, ProgressBars bars, StepInput steps, Runnable clearScreen) {
    /** A script transcript: plain text, no bars, every step shown. */
    static Frontend script() {
        return new Frontend(Style.PLAIN, ProgressBars.disabled(), StepInput.ALL, () -> {});
    }
}
