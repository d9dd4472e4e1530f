package dev.glassbox.sim;

import dev.glassbox.kernel.ExecSpec;

/**
 * What a container's processes print, on its way out of the kernel (to the daemon, the logs and the client), counted
 * for the command that is running: past {@link #LIMIT} characters the process writing is killed with one line, so an
 * endless printer cannot fill a session's answer or the memory of the machine the class shares.
 */
final class OutputQuota implements ExecSpec.OutputSink {
    /** The most one command's processes may print. */
    static final long LIMIT = 1L << 20;

    private final SimKernel k;
    private final ExecSpec.OutputSink to;

    OutputQuota(SimKernel k, ExecSpec.OutputSink to) {
        this.k = k;
        this.to = to;
    }

    @Override
    public void write(int stream, String text) {
        k.scheduler.written += text.length();
        if (k.scheduler.written > LIMIT) {
            SimProcess writer = k.scheduler.current();
            if (writer != null) {
                writer.printedTooMuch(LIMIT, to); // ends the writer
            }
        }
        to.write(stream, text);
    }
}
