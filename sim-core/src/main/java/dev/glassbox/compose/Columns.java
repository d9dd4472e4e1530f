package dev.glassbox.compose;

import java.util.ArrayList;
import java.util.List;

/** Go's text/tabwriter with space padding, as Compose sets it up: each column but the last as wide as its widest cell plus padding. */
final class Columns {
    private final int minWidth;
    private final int padding;
    private final List<List<String>> rows = new ArrayList<>();

    Columns(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    Columns row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    @Override
    public String toString() {
        int n = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] w = new int[n];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size() - 1; i++) {
                w[i] = Math.max(w[i], Math.max(minWidth, r.get(i).codePointCount(0, r.get(i).length()) + padding));
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                String c = r.get(i);
                b.append(c);
                if (i < r.size() - 1) {
                    b.append(" ".repeat(w[i] - c.codePointCount(0, c.length())));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
