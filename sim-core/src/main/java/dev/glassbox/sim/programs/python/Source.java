package dev.glassbox.sim.programs.python;

import java.util.ArrayList;
import java.util.List;

/** A piece of source as the interpreter keeps it: its file name ({@code <string>}, {@code <stdin>} or a path) and its lines. */
record Source(String file, List<String> lines, boolean showLines) {
    Source {
        lines = List.copyOf(lines);
    }

    static Source of(String file, String text, boolean showLines) {
        return new Source(file, lines(text), showLines);
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(s, i));
                s = i + 1;
            }
        }
        if (s < text.length()) {
            out.add(text.substring(s));
        }
        return out;
    }

    String line(int n) {
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : null;
    }
}
