package dev.glassbox.swarm;

import java.util.ArrayList;
import java.util.List;

/** The docker CLI's tabwriter layout for swarm tables: columns padded by 3, at least 10 wide, the last one unpadded. */
final class Columns {
    private final List<List<String>> rows = new ArrayList<>();

    Columns row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    @Override
    public String toString() {
        int n = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] w = new int[n];
        for (List<String> r : rows) {
            for (int c = 0; c < r.size() - 1; c++) {
                w[c] = Math.max(w[c], Math.max(10, r.get(c).codePointCount(0, r.get(c).length()) + 3));
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            for (int c = 0; c < r.size(); c++) {
                b.append(r.get(c));
                if (c < r.size() - 1) {
                    b.append(" ".repeat(w[c] - r.get(c).codePointCount(0, r.get(c).length())));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
