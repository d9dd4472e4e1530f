package dev.glassbox.client;

import dev.glassbox.client.Template.Arg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses an action's tokens into a pipeline: commands separated by {@code |}, each a list of arguments. */
final class PipeParser {
    private final List<Token> tokens;
    private final int line;
    private int pos;

    PipeParser(List<Token> tokens, int line) {
        this.tokens = tokens;
        this.line = line;
    }

    Template.Pipe pipe() {
        Template.Pipe p = pipeUntil(false);
        if (pos < tokens.size()) {
            throw Template.error(line, "unexpected " + tokens.get(pos) + " in operand");
        }
        return p;
    }

    private Template.Pipe pipeUntil(boolean paren) {
        List<List<Arg>> commands = new ArrayList<>();
        List<Arg> current = new ArrayList<>();
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.kind() == Token.Kind.RPAREN) {
                if (!paren) {
                    throw Template.error(line, "unexpected right paren");
                }
                break;
            }
            pos++;
            if (t.kind() == Token.Kind.PIPE) {
                if (current.isEmpty()) {
                    throw Template.error(line, "missing value for command");
                }
                commands.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(arg(t));
        }
        if (current.isEmpty()) {
            throw Template.error(line, "missing value for command");
        }
        commands.add(current);
        return new Template.Pipe(commands);
    }

    private Arg arg(Token t) {
        switch (t.kind()) {
            case FIELD -> {
                return new Template.Field(null, path(t.text().substring(1)));
            }
            case VAR -> {
                int dot = t.text().indexOf('.');
                String name = dot < 0 ? t.text() : t.text().substring(0, dot);
                return new Template.Field(name, dot < 0 ? List.of() : path(t.text().substring(dot + 1)));
            }
            case STRING -> {
                return new Template.Literal(t.text());
            }
            case NUMBER -> {
                try {
                    return new Template.Literal(t.text().contains(".") ? (Object) Double.parseDouble(t.text())
                            : (Object) Long.parseLong(t.text()));
                } catch (NumberFormatException e) {
                    throw Template.error(line, "bad number syntax: " + GoText.quote(t.text()));
                }
            }
            case IDENT -> {
                return switch (t.text()) {
                    case "true" -> new Template.Literal(Boolean.TRUE);
                    case "false" -> new Template.Literal(Boolean.FALSE);
                    case "nil" -> new Template.Literal(null);
                    default -> {
                        if (!TemplateExec.FUNCTIONS.contains(t.text())) {
                            throw Template.error(line, "function " + GoText.quote(t.text()) + " not defined");
                        }
                        yield new Template.Func(t.text());
                    }
                };
            }
            case LPAREN -> {
                Template.Pipe inner = pipeUntil(true);
                if (pos >= tokens.size()) {
                    throw Template.error(line, "unclosed left paren");
                }
                pos++;
                if (pos < tokens.size() && tokens.get(pos).kind() == Token.Kind.CHAIN) {
                    return new Template.Sub(inner, path(tokens.get(pos++).text().substring(1)));
                }
                return new Template.Sub(inner);
            }
            default -> throw Template.error(line, "unexpected " + t + " in command");
        }
    }

    private List<String> path(String dotted) {
        if (dotted.isEmpty()) {
            return List.of();
        }
        List<String> parts = Arrays.asList(dotted.split("\\.", -1));
        if (parts.contains("")) {
            throw Template.error(line, "unexpected . after term");
        }
        return parts;
    }
}
