package dev.glassbox.api;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Go's {@code time.Duration} as the docker CLI reads it from flags ({@code --health-interval 1m30s}) and
 * as Go prints it ({@code 1m30s}, {@code 500ms}): nanoseconds.
 */
public final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {}

    /** time.ParseDuration; its error text in the exception's message. */
    public static long parse(String s) {
        String orig = s;
        int sign = 1;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            sign = s.charAt(0) == '-' ? -1 : 1;
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(orig);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
            }
            Long scale = UNITS.get(unit);
            if (scale == null) {
                throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration " + quote(orig));
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(scale)));
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(orig);
        }
        return sign * total.longValue();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("time: invalid duration " + quote(s));
    }

    /** Duration.String(): {@code 30s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}, {@code 0s}. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000_000_000L) {
            if (n < 1_000L) {
                return sign + n + "ns";
            }
            return n < 1_000_000L ? sign + fraction(n, 1_000L) + "µs" : sign + fraction(n, 1_000_000L) + "ms";
        }
        long h = n / 3_600_000_000_000L;
        long m = n / 60_000_000_000L % 60;
        String secs = fraction(n % 60_000_000_000L, 1_000_000_000L) + "s";
        return sign + (h > 0 ? h + "h" + m + "m" : m > 0 ? m + "m" : "") + secs;
    }

    private static String fraction(long v, long unit) {
        return BigDecimal.valueOf(v).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}
