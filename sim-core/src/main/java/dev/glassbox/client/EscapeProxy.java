package dev.glassbox.client;

import java.io.ByteArrayOutputStream;

/**
 * The docker CLI's watch for the detach keys on a terminal's input (moby/term's escape proxy): keys
 * that may begin the sequence are held back, the whole sequence ends the session and is never sent,
 * a false start goes on as typed (the key that broke it is not taken as a new start).
 */
final class EscapeProxy {

    private final byte[] keys;
    private int matched;
    private boolean escaped;

    private EscapeProxy(byte[] keys) {
        this.keys = keys;
    }

    /**
     * Docker's spelling ({@code ctrl-p,ctrl-q}, single characters, {@code DEL}); empty for the default.
     * Throws IllegalArgumentException with moby's "Unknown character: 'KEY'" for a key it does not know.
     */
    static EscapeProxy of(String spec) {
        return new EscapeProxy(dev.glassbox.api.DetachKeySpec.parse(spec));
    }

    static EscapeProxy defaults() {
        return of("");
    }

    /** What of the typed bytes goes on to the container: up to the sequence, or all but a partial match held back. */
    byte[] filter(byte[] typed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : typed) {
            if (escaped) {
                break;
            }
            if (b == keys[matched]) {
                escaped = ++matched == keys.length;
                continue;
            }
            out.write(keys, 0, matched);
            out.write(b);
            matched = 0;
        }
        return out.toByteArray();
    }

    /** Whether the whole sequence has been typed. */
    boolean escaped() {
        return escaped;
    }
}
