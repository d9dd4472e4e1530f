package dev.glassbox.compose;

/**
 * The user's terminal while a compose command follows its containers ({@code up} attached,
 * {@code logs -f}): the REPL's console. Without one (the web page, a script) there is none, and the
 * command waits a bounded while instead.
 */
public interface Terminal {
    /** The console is the command's from now on: line mode, keys not passed on, Ctrl-C watched for. */
    void open();

    /**
     * What the command printed so far goes to the console; keys are awaited a moment and a little time
     * passes on the engine. Answers whether the user pressed Ctrl-C (then no time passed).
     */
    boolean tick();

    /** Back to the front end: what is left printed, the console as it was. */
    void close();
}
