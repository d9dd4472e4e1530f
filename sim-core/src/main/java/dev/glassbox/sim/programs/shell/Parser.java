package dev.glassbox.sim.programs.shell;

import dev.glassbox.sim.programs.shell.Lexer.Token;
import dev.glassbox.sim.programs.shell.Lexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A recursive-descent parser for the POSIX shell grammar, handing out one complete command at a time. */
final class Parser {
    private static final Set<String> CLOSERS = Set.of("then", "else", "elif", "fi", "do", "done", "esac", "}");
    static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "fi", "do", "done", "case", "esac",
            "while", "until", "for", "in", "{", "}", "!");
    private static final Pattern ASSIGN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");

    private final Lexer lexer;
    private final List<Token> ahead = new ArrayList<>();

    Parser(String src) {
        lexer = new Lexer(src);
    }

    /** The next complete command (up to a newline), or null at the end of the input. */
    Node next() {
        skipNewlines();
        if (peek().type() == Type.EOF) {
            return null;
        }
        List<Node.Item> items = new ArrayList<>();
        while (true) {
            Node n = andOr();
            boolean bg = peek().is("&");
            boolean separated = bg || peek().is(";");
            if (separated) {
                take();
            }
            items.add(new Node.Item(n, bg));
            Type t = peek().type();
            if (t == Type.NEWLINE || t == Type.EOF) {
                break;
            }
            if (!separated) {
                throw unexpected(peek());
            }
        }
        return seq(items);
    }

    /** Whether nothing but blank lines is left. */
    boolean atEnd() {
        skipNewlines();
        return peek().type() == Type.EOF;
    }

    private static Node seq(List<Node.Item> items) {
        return items.size() == 1 && !items.get(0).background() ? items.get(0).node() : new Node.Seq(items);
    }

    // ---- token plumbing

    private Token peek() {
        return peek(0);
    }

    private Token peek(int k) {
        while (ahead.size() <= k) {
            ahead.add(lexer.next());
        }
        return ahead.get(k);
    }

    private Token take() {
        Token t = peek();
        ahead.remove(0);
        return t;
    }

    private void skipNewlines() {
        while (peek().type() == Type.NEWLINE) {
            take();
        }
    }

    private boolean isWord(Token t, String w) {
        return t.type() == Type.WORD && t.text().equals(w);
    }

    private void expect(String w) {
        Token t = peek();
        if (t.type() == Type.EOF) {
            throw new ParseError(ParseError.Kind.EOF, w, t.line());
        }
        if (!t.is(w)) {
            throw unexpected(t);
        }
        take();
    }

    private static ParseError unexpected(Token t) {
        if (t.type() == Type.EOF) {
            return new ParseError(ParseError.Kind.EOF, "", t.line());
        }
        return new ParseError(ParseError.Kind.UNEXPECTED, t.type() == Type.NEWLINE ? "newline" : t.text(), t.line());
    }

    // ---- grammar

    /** A list inside a compound command: and-or lists separated by ; & or newlines, up to a closing word. */
    private Node list(boolean allowEmpty, String closer) {
        List<Node.Item> items = new ArrayList<>();
        skipNewlines();
        while (!atListEnd()) {
            Node n = andOr();
            boolean bg = false;
            if (peek().is("&")) {
                bg = true;
                take();
            } else if (peek().is(";") || peek().type() == Type.NEWLINE) {
                take();
            } else if (!atListEnd()) {
                throw unexpected(peek());
            }
            items.add(new Node.Item(n, bg));
            skipNewlines();
        }
        if (items.isEmpty()) {
            if (!allowEmpty) {
                throw peek().type() == Type.EOF ? new ParseError(ParseError.Kind.EOF, closer, peek().line()) : unexpected(peek());
            }
            return new Node.Seq(List.of());
        }
        return seq(items);
    }

    private boolean atListEnd() {
        Token t = peek();
        return t.type() == Type.EOF || t.is(")") || t.is(";;")
                || (t.type() == Type.WORD && CLOSERS.contains(t.text()));
    }

    private Node andOr() {
        Node left = pipeline();
        while (peek().is("&&") || peek().is("||")) {
            boolean and = take().text().equals("&&");
            skipNewlines();
            left = new Node.AndOr(left, and, pipeline());
        }
        return left;
    }

    private Node pipeline() {
        boolean negate = false;
        if (isWord(peek(), "!")) {
            take();
            negate = true;
        }
        List<Node> stages = new ArrayList<>();
        stages.add(command());
        while (peek().is("|")) {
            take();
            skipNewlines();
            stages.add(command());
        }
        return stages.size() == 1 && !negate ? stages.get(0) : new Node.Pipeline(stages, negate);
    }

    private Node command() {
        Token t = peek();
        Node compound = null;
        if (t.type() == Type.WORD) {
            switch (t.text()) {
                case "if" -> compound = ifClause();
                case "while", "until" -> compound = loop();
                case "for" -> compound = forClause();
                case "case" -> compound = caseClause();
                case "{" -> {
                    take();
                    Node body = list(false, "}");
                    expect("}");
                    compound = new Node.Group(body);
                }
                case "function" -> {
                    if (peek(1).type() == Type.WORD) {
                        take();
                        String name = take().text();
                        if (peek().is("(") && peek(1).is(")")) {
                            take();
                            take();
                        }
                        return funcBody(name);
                    }
                }
                default -> {
                    if (CLOSERS.contains(t.text()) || t.text().equals("in")) {
                        throw unexpected(t);
                    }
                    if (peek(1).is("(") && peek(2).is(")") && NAME.matcher(t.text()).matches()) {
                        take();
                        take();
                        take();
                        return funcBody(t.text());
                    }
                }
            }
        } else if (t.is("(")) {
            take();
            Node body = list(false, ")");
            expect(")");
            compound = new Node.Subshell(body);
        }
        if (compound == null) {
            return simple();
        }
        List<Node.Redir> redirs = new ArrayList<>();
        while (isRedirect(peek())) {
            redirs.add(redirect());
        }
        return redirs.isEmpty() ? compound : new Node.Redirected(compound, redirs);
    }

    private Node funcBody(String name) {
        skipNewlines();
        return new Node.FuncDef(name, command());
    }

    private Node ifClause() {
        take();
        List<Node> conds = new ArrayList<>();
        List<Node> thens = new ArrayList<>();
        conds.add(list(false, "then"));
        expect("then");
        thens.add(list(false, "fi"));
        Node otherwise = null;
        while (true) {
            if (isWord(peek(), "elif")) {
                take();
                conds.add(list(false, "then"));
                expect("then");
                thens.add(list(false, "fi"));
            } else if (isWord(peek(), "else")) {
                take();
                otherwise = list(false, "fi");
            } else {
                break;
            }
        }
        expect("fi");
        return new Node.If(conds, thens, otherwise);
    }

    private Node loop() {
        boolean until = take().text().equals("until");
        Node cond = list(false, "do");
        expect("do");
        Node body = list(false, "done");
        expect("done");
        return new Node.Loop(cond, body, until);
    }

    private Node forClause() {
        int line = take().line();
        Token name = take();
        if (name.type() != Type.WORD) {
            throw unexpected(name);
        }
        List<String> words = null;
        skipNewlines();
        if (isWord(peek(), "in")) {
            take();
            words = new ArrayList<>();
            while (peek().type() == Type.WORD) {
                words.add(take().text());
            }
            if (peek().is(";") || peek().type() == Type.NEWLINE) {
                take();
            } else {
                throw unexpected(peek());
            }
        } else if (peek().is(";")) {
            take();
        }
        skipNewlines();
        expect("do");
        Node body = list(false, "done");
        expect("done");
        return new Node.For(name.text(), words, body, line);
    }

    private Node caseClause() {
        int line = take().line();
        Token word = take();
        if (word.type() != Type.WORD) {
            throw unexpected(word);
        }
        skipNewlines();
        expect("in");
        skipNewlines();
        List<Node.Arm> arms = new ArrayList<>();
        while (!isWord(peek(), "esac")) {
            if (peek().type() == Type.EOF) {
                throw new ParseError(ParseError.Kind.EOF, "esac", peek().line());
            }
            if (peek().is("(")) {
                take();
            }
            List<String> patterns = new ArrayList<>();
            patterns.add(patternWord());
            while (peek().is("|")) {
                take();
                patterns.add(patternWord());
            }
            expect(")");
            Node body = list(true, "esac");
            if (peek().is(";;")) {
                take();
            } else if (!isWord(peek(), "esac")) {
                throw unexpected(peek());
            }
            skipNewlines();
            arms.add(new Node.Arm(patterns, body));
        }
        take();
        return new Node.Case(word.text(), arms, line);
    }

    private String patternWord() {
        Token t = take();
        if (t.type() != Type.WORD) {
            throw unexpected(t);
        }
        return t.text();
    }

    private Node simple() {
        List<String> assigns = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Node.Redir> redirs = new ArrayList<>();
        int line = peek().line();
        while (true) {
            Token t = peek();
            if (isRedirect(t)) {
                redirs.add(redirect());
            } else if (t.type() == Type.WORD) {
                take();
                if (words.isEmpty() && ASSIGN.matcher(t.text()).matches()) {
                    assigns.add(t.text());
                } else {
                    words.add(t.text());
                }
            } else {
                break;
            }
        }
        if (assigns.isEmpty() && words.isEmpty() && redirs.isEmpty()) {
            throw unexpected(peek());
        }
        return new Node.Simple(assigns, words, redirs, line);
    }

    private static boolean isRedirect(Token t) {
        if (t.type() == Type.IONUM) {
            return true;
        }
        return t.type() == Type.OP && (t.text().startsWith("<") || t.text().startsWith(">") || t.text().equals("&>"));
    }

    private Node.Redir redirect() {
        int fd = -1;
        if (peek().type() == Type.IONUM) {
            fd = Integer.parseInt(take().text());
        }
        String op = take().text();
        Token target = take();
        if (target.type() != Type.WORD) {
            throw unexpected(target);
        }
        if (fd < 0) {
            fd = op.startsWith("<") ? 0 : 1;
        }
        if (op.equals(">|")) {
            op = ">";
        }
        Node.HereDoc here = null;
        if (op.startsWith("<<")) {
            String raw = target.text();
            boolean quoted = raw.contains("'") || raw.contains("\"") || raw.contains("\\");
            here = new Node.HereDoc(raw.replaceAll("['\"\\\\]", ""), op.equals("<<-"), quoted);
            lexer.hereDoc(here);
            op = "<<";
        }
        return new Node.Redir(fd, op, target.text(), here);
    }
}
