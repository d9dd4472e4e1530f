package dev.glassbox.sim.programs.shell;

import java.util.ArrayList;
import java.util.List;

/** Splits shell source into words and operators, one token at a time; reads here-document bodies at newlines. */
final class Lexer {
    enum Type { WORD, OP, IONUM, NEWLINE, EOF }

    record Token(Type type, String text, int line) {
        boolean is(String s) {
            return (type == Type.OP || type == Type.WORD) && text.equals(s);
        }
    }

    private static final String[] OPS = {"&&", "||", ";;", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&>",
        "|", "&", ";", "<", ">", "(", ")"};

    private final String src;
    private int pos;
    private int line = 1;
    private final List<Node.HereDoc> pending = new ArrayList<>();

    Lexer(String src) {
        this.src = src;
    }

    int line() {
        return line;
    }

    void hereDoc(Node.HereDoc doc) {
        pending.add(doc);
    }

    Token next() {
        skipBlanks();
        if (pos >= src.length()) {
            return new Token(Type.EOF, "", line);
        }
        char c = src.charAt(pos);
        if (c == '\n') {
            Token t = new Token(Type.NEWLINE, "\n", line);
            pos++;
            line++;
            readHereDocs();
            return t;
        }
        for (String op : OPS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Type.OP, op, line);
            }
        }
        int start = pos;
        int startLine = line;
        if (Character.isDigit(c)) {
            int j = pos;
            while (j < src.length() && Character.isDigit(src.charAt(j))) {
                j++;
            }
            if (j < src.length() && (src.charAt(j) == '<' || src.charAt(j) == '>')) {
                pos = j;
                return new Token(Type.IONUM, src.substring(start, j), line);
            }
        }
        pos = Scan.wordEnd(src, pos);
        if (pos < 0) {
            throw new ParseError(ParseError.Kind.UNTERMINATED, "", startLine);
        }
        String text = src.substring(start, pos);
        line += count(text, '\n');
        return new Token(Type.WORD, text, startLine);
    }

    private void skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void readHereDocs() {
        for (Node.HereDoc doc : pending) {
            StringBuilder body = new StringBuilder();
            while (pos < src.length()) {
                int nl = src.indexOf('\n', pos);
                String l = nl < 0 ? src.substring(pos) : src.substring(pos, nl);
                pos = nl < 0 ? src.length() : nl + 1;
                line++;
                if (doc.stripTabs) {
                    l = l.replaceFirst("^\t+", "");
                }
                if (l.equals(doc.delimiter)) {
                    break;
                }
                body.append(l).append('\n');
            }
            doc.body = body.toString();
        }
        pending.clear();
    }

    static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
