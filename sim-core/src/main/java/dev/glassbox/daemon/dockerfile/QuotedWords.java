package dev.glassbox.daemon.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** BuildKit's parseWords: blanks split words except inside quotes; quotes and escapes stay in the words for the lexer. */
final class QuotedWords {
    private QuotedWords() {}

    static List<String> split(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (escaped) {
                word.append(ch);
                escaped = false;
                continue;
            }
            if (ch == escape) {
                word.append(ch);
                escaped = quote != '\'';
                continue;
            }
            if (quote == 0 && Character.isWhitespace(ch)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            if (quote == 0 && (ch == '"' || ch == '\'')) {
                quote = ch;
            } else if (ch == quote) {
                quote = 0;
            }
            word.append(ch);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
