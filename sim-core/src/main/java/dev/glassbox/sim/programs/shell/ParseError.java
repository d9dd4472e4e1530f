package dev.glassbox.sim.programs.shell;

/** A syntax error; each shell words it its own way (see {@link Flavor}). */
final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Kind { UNEXPECTED, EOF, UNTERMINATED }

    final Kind kind;
    /** The unexpected token, or what was expected at end of file. */
    final String token;
    final int line;

    ParseError(Kind kind, String token, int line) {
        super(kind + " " + token, null, false, false);
        this.kind = kind;
        this.token = token;
        this.line = line;
    }
}
