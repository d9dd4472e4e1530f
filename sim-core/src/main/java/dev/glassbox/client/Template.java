package dev.glassbox.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of Go's text/template that {@code --format} is used with: field chains ({@code .State.Status}),
 * variables, string and number literals, pipes, parentheses, functions (json, index, join, …) and the
 * {@code range}, {@code if}, {@code with}, {@code else}, {@code end} actions, with {@code {{-} and
 * {@code -}}} trimming.
 */
final class Template {
    sealed interface Node permits Text, Action, Block {}

    record Text(String text) implements Node {}

    record Action(Pipe pipe, String source) implements Node {}

    /** range / if / with; {@code vars} are the range's declared variables. */
    record Block(String keyword, List<String> vars, Pipe pipe, List<Node> body, List<Node> orElse) implements Node {}

    record Pipe(List<List<Arg>> commands) {}

    sealed interface Arg permits Field, Literal, Func, Sub {}

    /** {@code var} is null for the dot, "$" or "$name" for a variable. */
    record Field(String var, List<String> path) implements Arg {}

    record Literal(Object value) implements Arg {}

    record Func(String name) implements Arg {}

    /** A parenthesized pipeline, and the fields read from its value ({@code (index .A 0).Name}). */
    record Sub(Pipe pipe, List<String> path) implements Arg {
        Sub(Pipe pipe) {
            this(pipe, List.of());
        }
    }

    static final class TemplateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message, null, false, false);
        }
    }

    final List<Node> nodes;

    private Template(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** @throws TemplateException with Go's wording ("template: :1: function \"foo\" not defined"). */
    static Template parse(String source) {
        return new Template(new Parser(source).parseAll());
    }

    String execute(Object data) {
        return new TemplateExec(data).run(nodes);
    }

    private static final class Parser {
        private final String src;
        private int pos;
        private final List<String> actions = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();
        private final List<Object> items = new ArrayList<>();
        private int next;

        Parser(String src) {
            this.src = src;
        }

        List<Node> parseAll() {
            lex();
            List<Node> nodes = new ArrayList<>();
            String end = body(nodes);
            if (end != null) {
                throw error(lineOf(next - 1), "unexpected {{" + end + "}}");
            }
            return nodes;
        }

        /** Splits the source into text pieces (String) and action bodies (Integer indexes into actions). */
        private void lex() {
            StringBuilder text = new StringBuilder();
            while (pos < src.length()) {
                int open = src.indexOf("{{", pos);
                if (open < 0) {
                    text.append(src, pos, src.length());
                    break;
                }
                text.append(src, pos, open);
                int start = open + 2;
                if (src.startsWith("- ", start) || src.startsWith("-\t", start) || src.startsWith("-\n", start)) {
                    trimTrailing(text);
                    start += 2;
                }
                int close = findClose(start);
                if (close < 0) {
                    throw error(line(open), "unclosed action");
                }
                String body = src.substring(start, close);
                pos = close + 2;
                if (body.endsWith(" -") || body.endsWith("\t-") || body.endsWith("\n-")) {
                    body = body.substring(0, body.length() - 2);
                    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                        pos++;
                    }
                }
                items.add(text.toString());
                text.setLength(0);
                String trimmed = body.strip();
                if (trimmed.startsWith("/*") && trimmed.endsWith("*/")) {
                    continue;
                }
                actions.add(trimmed);
                lines.add(line(open));
                items.add(actions.size() - 1);
            }
            items.add(text.toString());
        }

        private static void trimTrailing(StringBuilder b) {
            int n = b.length();
            while (n > 0 && Character.isWhitespace(b.charAt(n - 1))) {
                n--;
            }
            b.setLength(n);
        }

        private int findClose(int from) {
            int i = from;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '"' || c == '`') {
                    int j = i + 1;
                    while (j < src.length() && src.charAt(j) != c) {
                        j += (c == '"' && src.charAt(j) == '\\') ? 2 : 1;
                    }
                    i = j + 1;
                } else if (src.startsWith("}}", i)) {
                    return i;
                } else {
                    i++;
                }
            }
            return -1;
        }

        private int line(int offset) {
            int n = 1;
            for (int i = 0; i < offset && i < src.length(); i++) {
                if (src.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

        private int lineOf(int action) {
            return action >= 0 && action < lines.size() ? lines.get(action) : line(src.length());
        }

        /** Reads nodes until {{end}} or {{else}}; returns which ended it, or null at the end of input. */
        private String body(List<Node> out) {
            while (next < items.size()) {
                Object item = items.get(next++);
                if (item instanceof String s) {
                    if (!s.isEmpty()) {
                        out.add(new Text(s));
                    }
                    continue;
                }
                int a = (Integer) item;
                String action = actions.get(a);
                List<Token> tokens = Token.lex(action, lineOf(a));
                if (tokens.isEmpty()) {
                    throw error(lineOf(a), "missing value for command");
                }
                Token first = tokens.get(0);
                if (first.is("end") || first.is("else")) {
                    if (tokens.size() > 1) {
                        throw error(lineOf(a), "unexpected " + tokens.get(1) + " in " + first.text());
                    }
                    return first.text();
                }
                if (first.is("range") || first.is("if") || first.is("with")) {
                    out.add(block(first.text(), tokens.subList(1, tokens.size()), lineOf(a)));
                } else {
                    out.add(new Action(new PipeParser(tokens, lineOf(a)).pipe(), action));
                }
            }
            return null;
        }

        private Block block(String keyword, List<Token> tokens, int line) {
            List<String> vars = new ArrayList<>();
            int decl = -1;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).kind() == Token.Kind.DECLARE) {
                    decl = i;
                }
            }
            if (decl >= 0) {
                for (Token t : tokens.subList(0, decl)) {
                    if (t.kind() == Token.Kind.VAR) {
                        vars.add(t.text());
                    } else if (t.kind() != Token.Kind.COMMA) {
                        throw error(line, "unexpected " + t + " in " + keyword);
                    }
                }
                tokens = tokens.subList(decl + 1, tokens.size());
            }
            if (tokens.isEmpty()) {
                throw error(line, "missing value for " + keyword);
            }
            Pipe pipe = new PipeParser(tokens, line).pipe();
            List<Node> body = new ArrayList<>();
            List<Node> orElse = new ArrayList<>();
            String end = body(body);
            if ("else".equals(end)) {
                end = body(orElse);
                if ("else".equals(end)) {
                    throw error(lineOf(next - 1), "unexpected {{else}}");
                }
            }
            if (end == null) {
                throw error(line(src.length()), "unexpected EOF");
            }
            return new Block(keyword, vars, pipe, body, orElse);
        }
    }

    static TemplateException error(int line, String message) {
        return new TemplateException("template: :" + line + ": " + message);
    }
}
