package dev.glassbox.sim.programs.packages;

import java.util.List;
import java.util.Locale;

/** How apt writes sizes, times and lists of package names. */
final class AptText {
    private AptText() {}

    /** apt's SizeToStr: powers of 1000, one decimal below 100 of a unit ({@code 55.4 k}), none from there. */
    static String size(double bytes) {
        String units = " kMGTP";
        double v = bytes;
        for (int i = 0; i < units.length(); i++) {
            if (v < 100 && i != 0) {
                return String.format(Locale.ROOT, "%.1f %c", v, units.charAt(i)).replace("  ", " ").stripTrailing();
            }
            if (v < 10000) {
                return String.format(Locale.ROOT, "%.0f %c", v, units.charAt(i)).stripTrailing();
            }
            v /= 1000;
        }
        return String.format(Locale.ROOT, "%.0f P", v);
    }

    /** {@code [151 kB]}, {@code [8808 B]}. */
    static String bracket(long bytes) {
        String s = size(bytes);
        return "[" + (s.indexOf(' ') < 0 ? s + " " : s) + "B]";
    }

    /** {@code 6052 kB}, {@code 15.7 MB}, {@code 840 B}. */
    static String bytes(double bytes) {
        String s = size(bytes);
        return (s.indexOf(' ') < 0 ? s + " " : s) + "B";
    }

    /** apt's ShowList: a title, then the names two spaces in, wrapped before column 77 of an 80-column screen. */
    static String list(String title, List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(title);
        int used = 0;
        for (String n : names) {
            if (used == 0 || used + n.length() >= 77) {
                b.append("\n  ");
                used = 0;
            } else {
                b.append(' ');
                used++;
            }
            b.append(n);
            used += n.length();
        }
        return b.append('\n').toString();
    }
}
