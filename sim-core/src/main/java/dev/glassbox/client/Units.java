package dev.glassbox.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Go's docker/go-units and the strconv parsers pflag uses, with their exact outputs and errors. */
public final class Units {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private Units() {}

    /** go-units HumanDuration (shared with the daemon's Status strings). */
    static String humanDuration(long millis) {
        return dev.glassbox.api.HumanDuration.of(millis);
    }

    /** go-units HumanSizeWithPrecision: decimal units, {@code %.*g}. */
    public static String humanSize(double size, int precision) {
        return scaled(size, 1000.0, DECIMAL, precision);
    }

    /** go-units BytesSize: binary units, {@code %.4g}. */
    static String bytesSize(double size) {
        return scaled(size, 1024.0, BINARY, 4);
    }

    private static String scaled(double size, double base, String[] units, int precision) {
        int i = 0;
        while (size >= base && i < units.length - 1) {
            size /= base;
            i++;
        }
        return formatG(size, precision) + units[i];
    }

    /** Go's {@code %.Ng}: N significant digits, trailing zeros dropped, exponent form when large or tiny. */
    static String formatG(double v, int precision) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= precision) {
            String digits = bd.unscaledValue().abs().toString().replaceAll("0+$", "");
            String mantissa = digits.substring(0, 1) + (digits.length() > 1 ? "." + digits.substring(1) : "");
            String e = String.format(Locale.ROOT, "%02d", Math.abs(exp));
            return (bd.signum() < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
        }
        return bd.stripTrailingZeros().toPlainString();
    }

    /** go-units RAMInBytes (binary multipliers), with its error wording. */
    static long ramInBytes(String s) {
        int sep = -1;
        for (int i = s.length() - 1; i >= 0; i--) {
            if ("01234567890. ".indexOf(s.charAt(i)) >= 0) {
                sep = i;
                break;
            }
        }
        if (sep == -1) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        String num = s.charAt(sep) != ' ' ? s.substring(0, sep + 1) : s.substring(0, sep);
        String sfx = s.substring(sep + 1);
        double size = parseFloat(num);
        if (size < 0) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        if (sfx.isEmpty()) {
            return (long) size;
        }
        if (sfx.length() > 3) {
            throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
        }
        sfx = sfx.toLowerCase(Locale.ROOT);
        if (sfx.charAt(0) == 'b') {
            if (sfx.length() > 1) {
                throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
            }
            return (long) size;
        }
        int power = "kmgtp".indexOf(sfx.charAt(0));
        if (power < 0 || (sfx.length() == 2 && sfx.charAt(1) != 'b') || (sfx.length() == 3 && !sfx.substring(1).equals("ib"))) {
            throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
        }
        return (long) (size * Math.pow(1024, power + 1));
    }

    private static double parseFloat(String num) {
        String syntax = "strconv.ParseFloat: parsing " + GoText.quote(num) + ": invalid syntax";
        if (num.isEmpty() || !num.equals(num.strip()) || !num.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException(syntax);
        }
        return Double.parseDouble(num);
    }

    /** docker's NanoCPUs flag: a rational number of CPUs times 1e9, which must come out whole. */
    static long nanoCpus(String s) {
        BigDecimal value;
        try {
            int slash = s.indexOf('/');
            if (slash >= 0) {
                BigInteger p = new BigInteger(s.substring(0, slash));
                BigInteger q = new BigInteger(s.substring(slash + 1));
                if (q.signum() == 0) {
                    throw new NumberFormatException();
                }
                try {
                    value = new BigDecimal(p).divide(new BigDecimal(q));
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("value is too precise");
                }
            } else {
                if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new NumberFormatException();
                }
                value = new BigDecimal(s);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse " + s + " as a rational number");
        }
        BigDecimal nano = value.multiply(BigDecimal.valueOf(1_000_000_000L));
        if (nano.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("value is too precise");
        }
        try {
            return nano.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("value is too precise");
        }
    }

    /** strconv.ParseInt(s, 0, 64), as pflag's int flags use it. */
    static long parseInt(String s) {
        String prefix = "strconv.ParseInt: parsing " + GoText.quote(s) + ": ";
        String body = s;
        boolean negative = false;
        if (body.startsWith("+") || body.startsWith("-")) {
            negative = body.startsWith("-");
            body = body.substring(1);
        }
        int radix = 10;
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            body = body.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            body = body.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            body = body.substring(2);
        } else if (body.length() > 1 && body.startsWith("0")) {
            radix = 8;
            body = body.substring(1);
        }
        final int base = radix;
        if (body.isEmpty() || !body.chars().allMatch(c -> Character.digit(c, base) >= 0 && c < 128)) {
            throw new IllegalArgumentException(prefix + "invalid syntax");
        }
        try {
            BigInteger v = new BigInteger(body, radix);
            return (negative ? v.negate() : v).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(prefix + "value out of range");
        }
    }

    /** strconv.ParseBool. */
    static boolean parseBool(String s) {
        switch (s) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                throw new IllegalArgumentException("strconv.ParseBool: parsing " + GoText.quote(s) + ": invalid syntax");
        }
    }
}
