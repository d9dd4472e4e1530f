package dev.glassbox.client;

import java.io.ByteArrayOutputStream;

/**
 * The docker CLI's watch for the detach keys on a terminal's input (moby/term's escape proxy): keys
 * that may begin the sequence are held back, the whole sequence ends the session and is never sent,
 * a false start goes on as typed (the key that broke it is not taken as a new start).
 */
final class EscapeProxy {
    private static final String CTRL = "@abcdefghijklmnopqrstuvwxyz[\\]^_";
    private static final byte[] DEFAULT = {16, 17};

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
        if (spec == null || spec.isEmpty()) {
            return new EscapeProxy(DEFAULT);
        }
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        for (String key : spec.split(",", -1)) {
            if (key.length() == 1) {
                codes.write(key.charAt(0));
            } else if (key.length() == 6 && key.startsWith("ctrl-") && CTRL.indexOf(key.charAt(5)) >= 0) {
                codes.write(CTRL.indexOf(key.charAt(5)));
            } else if (key.equals("DEL")) {
                codes.write(127);
            } else {
                throw new IllegalArgumentException("Unknown character: '" + key + "'");
            }
        }
        return new EscapeProxy(codes.toByteArray());
    }

    static EscapeProxy defaults() {
        return new EscapeProxy(DEFAULT);
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
