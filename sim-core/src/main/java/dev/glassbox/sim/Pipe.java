package dev.glassbox.sim;

import dev.glassbox.kernel.Stdio;

/** An open standard input without a terminal ({@code docker run -i}): bytes go through as they are written. */
final class Pipe implements Stdio {
    private final SimKernel k;
    final InputQueue input;

    Pipe(SimKernel k) {
        this.k = k;
        this.input = new InputQueue(k.scheduler, false);
    }

    @Override
    public boolean tty() {
        return false;
    }

    @Override
    public void write(byte[] data) {
        if (data.length > 0) {
            input.push(data);
            k.scheduler.runReady();
        }
    }

    @Override
    public void closeInput() {
        input.close();
        k.scheduler.runReady();
    }

    @Override
    public void resize(int rows, int cols) {
        // no terminal: nothing to resize
    }
}
