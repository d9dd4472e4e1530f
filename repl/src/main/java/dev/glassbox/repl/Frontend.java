package dev.glassbox.repl;

import dev.glassbox.client.Console;

/**
 * What differs between a person at a terminal and a script: colour, bars, step keys, clearing, and
 * the console an interactive container gets ({@code docker run -it}); null without a real terminal.
 */
record Frontend(Style style, ProgressBars bars, StepInput steps, Runnable clearScreen, Console console) {
    /** A script transcript: plain text, no bars, every step shown, no console (as docker with input redirected). */
    static Frontend script() {
        return new Frontend(Style.PLAIN, ProgressBars.disabled(), StepInput.ALL, () -> {}, null);
    }
}
