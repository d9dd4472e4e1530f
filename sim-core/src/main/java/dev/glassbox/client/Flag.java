package dev.glassbox.client;

/**
 * One command-line flag as pflag declares it: long name, optional one-letter shorthand, value type,
 * usage text and the default shown in help ("" when none).
 */
record Flag(String name, String shorthand, Kind kind, String usage, String defaultText, boolean hidden) {
    enum Kind {
        BOOL(""), STRING("string"), INT("int"), LIST("list"), BYTES("bytes"), DECIMAL("decimal"),
        NETWORK("network"), FILTER("filter"), STRINGS("strings"), MOUNT("mount"), MAP("map"),
        ULIMIT("ulimit"), DURATION("duration");

        final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }
    }

    static Flag bool(String shorthand, String name, String usage) {
        return new Flag(name, shorthand, Kind.BOOL, usage, "", false);
    }

    static Flag of(String shorthand, String name, Kind kind, String usage) {
        return new Flag(name, shorthand, kind, usage, "", false);
    }

    Flag withDefault(String text) {
        return new Flag(name, shorthand, kind, usage, text, hidden);
    }

    Flag hide() {
        return new Flag(name, shorthand, kind, usage, defaultText, true);
    }

    boolean isBool() {
        return kind == Kind.BOOL;
    }

    /** How pflag names the flag in errors: {@code -m, --memory} or {@code --cpus}. */
    String display() {
        return shorthand.isEmpty() ? "--" + name : "-" + shorthand + ", --" + name;
    }
}
