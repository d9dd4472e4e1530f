package dev.glassbox.daemon;

import dev.glassbox.api.DetachKeySpec;
import dev.glassbox.api.DockerException;
import java.io.ByteArrayOutputStream;

/**
 * The key sequence that detaches a client from a container's terminal, as Docker spells it: keys
 * separated by commas, each a single character or {@code ctrl-} followed by one of
 * {@code @ a-z [ \ ] ^ _}; ctrl-p,ctrl-q by default. It watches typed bytes one at a time: a partial
 * match is held back, and passed on with the next key if that key does not continue it (that key is
 * not taken as a new start, as in Docker's escape proxy).
 */
final class DetachKeys {

    private final byte[] keys;
    private int matched;

    private DetachKeys(byte[] keys) {
        this.keys = keys;
    }

    /** The client's {@code detachKeys} (empty: the default); 400 with Docker's words when a key is unknown. */
    static DetachKeys parse(String spec) {
        try {
            return new DetachKeys(DetachKeySpec.parse(spec));
        } catch (IllegalArgumentException e) {
            throw DockerException.invalid("Invalid detach keys (" + spec + ") provided");
        }
    }

    /**
     * Feeds typed bytes; what is to be passed on goes to {@code out}. Returns true when the whole sequence
     * has been typed (the bytes after it are dropped: the client is gone).
     */
    boolean feed(byte[] data, ByteArrayOutputStream out) {
        for (byte b : data) {
            if (b == keys[matched]) {
                if (++matched == keys.length) {
                    matched = 0;
                    return true;
                }
                continue;
            }
            out.write(keys, 0, matched); // not the sequence after all: the held keys go on, then this one
            out.write(b);
            matched = 0;
        }
        return false;
    }
}
