package dev.glassbox.repl;

import dev.glassbox.trace.Layer;

/** ANSI styling that can be switched off: a dumb terminal, a script transcript or a test gets plain text. */
final class Style {
    static final Style PLAIN = new Style(false);
    static final Style ANSI = new Style(true);

    private final boolean on;

    private Style(boolean on) {
        this.on = on;
    }

    static Style of(boolean color) {
        return color ? ANSI : PLAIN;
    }

    boolean on() {
        return on;
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    /** One colour per box of the architecture diagram, so a class can follow a request down the layers. */
    String layer(Layer layer, String s) {
        String code = switch (layer) {
            case CLIENT -> "36";
            case API -> "34";
            case DAEMON -> "35";
            case REGISTRY -> "33";
            case RUNTIME -> "32";
            case KERNEL -> "31";
        };
        return wrap(code, s);
    }

    private String wrap(String code, String s) {
        return on && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
