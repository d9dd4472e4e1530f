package dev.glassbox.kernel;

/**
 * How a macvlan child treats frames between itself and its siblings on one parent (the driver's
 * {@code -o macvlan_mode=}). Docker's default is bridge: siblings reach each other inside the parent
 * without the frame leaving it.
 */
public enum MacvlanMode {
    BRIDGE("bridge"),
    PRIVATE("private"),
    VEPA("vepa"),
    PASSTHRU("passthru");

    private final String wire;

    MacvlanMode(String wire) {
        this.wire = wire;
    }

    /** The name ip(8) and Docker take. */
    public String wire() {
        return wire;
    }

    /** By its name; null when it is none. */
    public static MacvlanMode named(String name) {
        for (MacvlanMode m : values()) {
            if (m.wire.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
