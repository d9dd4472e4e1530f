package dev.glassbox.sim.programs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Time formatting as C's strftime does it, in UTC (a container's default TZ). */
public final class Clock {
    private Clock() {}

    public static String strftime(String fmt, long millis) {
        ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                sb.append(c);
                continue;
            }
            char f = fmt.charAt(++i);
            switch (f) {
                case 'Y' -> sb.append(t.getYear());
                case 'y' -> sb.append(two(t.getYear() % 100));
                case 'm' -> sb.append(two(t.getMonthValue()));
                case 'd' -> sb.append(two(t.getDayOfMonth()));
                case 'e' -> sb.append(String.format("%2d", t.getDayOfMonth()));
                case 'H' -> sb.append(two(t.getHour()));
                case 'M' -> sb.append(two(t.getMinute()));
                case 'S' -> sb.append(two(t.getSecond()));
                case 'N' -> sb.append(String.format("%09d", (millis % 1000) * 1_000_000));
                case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'b', 'h' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'Z' -> sb.append("UTC");
                case 'z' -> sb.append("+0000");
                case 's' -> sb.append(Math.floorDiv(millis, 1000));
                case 'T' -> sb.append(strftime("%H:%M:%S", millis));
                case 'D' -> sb.append(strftime("%m/%d/%y", millis));
                case 'F' -> sb.append(strftime("%Y-%m-%d", millis));
                case 'R' -> sb.append(strftime("%H:%M", millis));
                case 'c' -> sb.append(strftime("%a %b %e %H:%M:%S %Y", millis));
                case 'u' -> sb.append(t.getDayOfWeek().getValue());
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case '%' -> sb.append('%');
                default -> sb.append('%').append(f);
            }
        }
        return sb.toString();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** date's default: {@code Mon Jan  1 00:00:00 UTC 2024}. */
    public static String date(long millis) {
        return strftime("%a %b %e %H:%M:%S %Z %Y", millis);
    }

    /** RFC 7231 date for HTTP headers. */
    public static String http(long millis) {
        return strftime("%a, %d %b %Y %H:%M:%S GMT", millis);
    }

    /** ls -l: the time for files younger than six months, the year for older ones. */
    public static String ls(long mtime, long now) {
        long age = now - mtime;
        boolean recent = age < 182L * 24 * 3600 * 1000 && age > -15L * 60 * 1000;
        return recent ? strftime("%b %e %H:%M", mtime) : strftime("%b %e  %Y", mtime);
    }
}
