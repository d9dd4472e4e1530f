package dev.glassbox.sim.programs.busybox;

/** What wc counts, fed piece by piece as the input comes (a pipe is counted as it drains, never held whole). */
final class WordCount {
    long lines;
    long words;
    long bytes;
    private boolean inWord;

    void add(String piece) {
        for (int i = 0; i < piece.length(); i++) {
            char ch = piece.charAt(i);
            if (ch == '\n') {
                lines++;
            }
            boolean space = ch == ' ' || (ch >= '\t' && ch <= '\r');
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
            bytes += ch < 0x80 ? 1 : ch < 0x800 ? 2 : Character.isSurrogate(ch) ? 2 : 3; // UTF-8: a surrogate pair is 4
        }
    }

    long[] counts() {
        return new long[] {lines, words, bytes};
    }
}
