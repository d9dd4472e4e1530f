package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.Expr;
import dev.glassbox.sim.programs.python.Ast.FField;
import dev.glassbox.sim.programs.python.Ast.FStr;
import dev.glassbox.sim.programs.python.Ast.Pos;
import dev.glassbox.sim.programs.python.Lexer.Tok;
import java.util.ArrayList;
import java.util.List;

/** An f-string's body split into literal text and {@code {expr!conv:spec}} fields, each expression parsed on its own. */
final class FString {
    private FString() {}

    static FStr parse(Tok t, boolean raw) {
        return parse(t.text(), raw, t);
    }

    private static FStr parse(String body, boolean raw, Tok t) {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '{' && i + 1 < body.length() && body.charAt(i + 1) == '{') {
                lit.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < body.length() && body.charAt(i + 1) == '}') {
                lit.append('}');
                i += 2;
            } else if (c == '}') {
                throw error(t, "f-string: single '}' is not allowed");
            } else if (c == '{') {
                if (lit.length() > 0) {
                    parts.add(Strings.unescape(lit.toString(), raw, t));
                    lit.setLength(0);
                }
                i = field(body, i + 1, raw, t, parts);
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0) {
            parts.add(Strings.unescape(lit.toString(), raw, t));
        }
        return new FStr(new Pos(t.line(), t.col(), t.line(), t.end()), parts);
    }

    /** Reads one field starting after its '{'; returns the index after its '}'. */
    private static int field(String body, int start, boolean raw, Tok t, List<Object> parts) {
        int depth = 0;
        int i = start;
        char quote = 0;
        int exprEnd = -1;
        char conv = 0;
        boolean selfDoc = false;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == '}' || c == ':' || (c == '!' && i + 1 < body.length() && body.charAt(i + 1) != '='))) {
                break;
            } else if (depth == 0 && c == '=' && i + 1 < body.length() && "}!:".indexOf(body.charAt(i + 1)) >= 0
                    && "=!<>".indexOf(body.charAt(i - 1)) < 0) {
                exprEnd = i;
                selfDoc = true;
                i++;
                break;
            }
            i++;
        }
        if (i >= body.length()) {
            throw error(t, "f-string: expecting '}'");
        }
        if (exprEnd < 0) {
            exprEnd = i;
        }
        String text = body.substring(start, exprEnd);
        if (text.isBlank()) {
            throw error(t, "f-string: valid expression required before '}'");
        }
        if (body.charAt(i) == '!') {
            conv = body.charAt(i + 1);
            i += 2;
        }
        FStr spec = null;
        if (i < body.length() && body.charAt(i) == ':') {
            int s = i + 1;
            int d = 0;
            i = s;
            while (i < body.length() && (body.charAt(i) != '}' || d > 0)) {
                if (body.charAt(i) == '{') {
                    d++;
                } else if (body.charAt(i) == '}') {
                    d--;
                }
                i++;
            }
            spec = parse(body.substring(s, i), raw, t);
        }
        if (i >= body.length() || body.charAt(i) != '}') {
            throw error(t, "f-string: expecting '}'");
        }
        Expr e = Parser.expression(text.strip(), t);
        parts.add(new FField(e, selfDoc && conv == 0 && spec == null ? 'r' : conv, spec, selfDoc ? body.substring(start, exprEnd + 1) : null));
        return i + 1;
    }

    private static PySyntaxError error(Tok t, String msg) {
        return new PySyntaxError(msg, t.line(), t.col() + 1, t.end() + 1);
    }
}
