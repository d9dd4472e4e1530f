package dev.glassbox.api;

import java.io.ByteArrayOutputStream;

/**
 * The detach keys as Docker spells them ({@code --detach-keys}, the API's {@code detachKeys}): keys
 * separated by commas, each a single character, {@code ctrl-} followed by one of {@code @ a-z [ \ ] ^ _},
 * or {@code DEL}; ctrl-p,ctrl-q when none are given. One reading for the CLI's escape proxy and the
 * daemon's attach alike, as both read them with moby/term's ToBytes.
 */
public final class DetachKeySpec {
    private static final String CTRL = "@abcdefghijklmnopqrstuvwxyz[\\]^_";
    private static final byte[] DEFAULT = {16, 17};

    private DetachKeySpec() {}

    /** The key codes; IllegalArgumentException with moby's "Unknown character: 'KEY'" for a key it does not know. */
    public static byte[] parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            return DEFAULT.clone();
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
        return codes.toByteArray();
    }
}
