package dev.glassbox.client;

/**
 * What the engine does for a client that holds a stream open ({@code docker run -it}): lets time pass
 * between keys, and answers the client's pending wait without a request of its own, as the wait the
 * docker CLI sends before it starts a container is answered when the container stops.
 */
public interface Pump {
    /** Nothing runs while the client waits: for a Cli on an API that lets time pass by itself. */
    Pump NONE = new Pump() {
        @Override
        public void advance() {}

        @Override
        public boolean stopped(String container) {
            return false;
        }

        @Override
        public boolean execEnded(String execId) {
            return false;
        }
    };

    /** Lets a little time pass: the kernel runs the processes, exits are reaped. */
    void advance();

    /** Whether the container no longer runs (it exited, or is gone). */
    boolean stopped(String container);

    /** Whether the exec's process has ended (or the exec is gone). */
    boolean execEnded(String execId);
}
