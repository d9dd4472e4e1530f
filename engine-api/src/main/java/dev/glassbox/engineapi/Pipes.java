package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import java.io.IOException;

/** A hijacked connection's input side: what the client types, handed to the attachment on the engine's thread. */
final class Pipes {
    private Pipes() {}

    /** Starts a thread that forwards the client's bytes until it closes its side (then the stdin is closed too). */
    static Thread forward(Wire wire, EngineLoop loop, Api.Attachment attachment) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] data = wire.readSome(4096);
                    if (data.length == 0) {
                        break;
                    }
                    loop.run(e -> attachment.write(data));
                }
            } catch (IOException | RuntimeException e) {
                // the client is gone, or the attachment ended
            }
            try {
                loop.run(e -> attachment.closeStdin());
            } catch (RuntimeException e) {
                // already closed
            }
        }, "glassbox-api-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
