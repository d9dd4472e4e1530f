package dev.glassbox.sim.programs.python;

/**
 * A SyntaxError (or IndentationError) found while reading source: CPython's message, the line and the
 * 1-based columns its caret marks. The file and the line's text are added by whoever compiled it.
 */
final class PySyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    String type = "SyntaxError";
    final String msg;
    final int line;
    int col;
    int endCol;
    /** Set when the tokenizer found it: the caret goes after the line's last character. */
    boolean atLineEnd;

    PySyntaxError(String msg, int line, int col, int endCol) {
        super(msg, null, false, false);
        this.msg = msg;
        this.line = line;
        this.col = col;
        this.endCol = endCol;
    }

    PySyntaxError indentation() {
        type = "IndentationError";
        return this;
    }

    PySyntaxError tokenizer() {
        type = "IndentationError";
        atLineEnd = true;
        return this;
    }

    /** The lines CPython prints for it: {@code File ..., line N}, the source line, the caret, the message. */
    String format(String file, java.util.List<String> lines) {
        StringBuilder sb = new StringBuilder("  File \"").append(file).append("\", line ").append(line).append('\n');
        if (line >= 1 && line <= lines.size()) {
            String text = lines.get(line - 1);
            String stripped = text.stripLeading();
            int cut = text.length() - stripped.length();
            String shown = stripped.stripTrailing();
            sb.append("    ").append(shown).append('\n');
            int c = atLineEnd ? shown.length() + 1 : Math.max(1, col - cut);
            int e = atLineEnd || endCol <= col ? c + 1 : Math.max(c + 1, endCol - cut);
            e = Math.min(e, Math.max(c + 1, shown.length() + 2));
            sb.append("    ").append(" ".repeat(c - 1)).append("^".repeat(e - c)).append('\n');
        }
        return sb.append(type).append(": ").append(msg).append('\n').toString();
    }
}
