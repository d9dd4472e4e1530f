package dev.glassbox.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter as the docker CLI configures it: every column but the last is as wide as its
 * widest cell plus the padding, and never narrower than the minimum width. Compose and swarm lay
 * out their tables with it too.
 */
public final class Table {
    private final int minWidth;
    private final int padding;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** The layout of {@code docker ps}, {@code images}, {@code history} and {@code stats}. */
    public static Table docker() {
        return new Table(10, 3);
    }

    public Table row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    public Table row(String... cells) {
        return row(List.of(cells));
    }

    @Override
    public String toString() {
        int columns = 0;
        for (List<String> r : rows) {
            columns = Math.max(columns, r.size());
        }
        int[] widths = new int[columns];
        for (List<String> r : rows) {
            for (int c = 0; c < r.size() - 1; c++) {
                widths[c] = Math.max(widths[c], Math.max(minWidth, width(r.get(c)) + padding));
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            for (int c = 0; c < r.size(); c++) {
                String cell = r.get(c);
                b.append(cell);
                if (c < r.size() - 1) {
                    b.append(" ".repeat(widths[c] - width(cell)));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
