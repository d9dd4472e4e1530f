package dev.glassbox.sim.programs.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Format specs, {@code [[fill]align][sign][#][0][width][,|_][.precision][type]}, as format() and f-strings read them. */
final class FormatSpec {
    private FormatSpec() {}

    static String format(Interp in, Object v, String spec) {
        if (spec.isEmpty()) {
            return Format.str(in, v);
        }
        int i = 0;
        char fill = ' ';
        char align = 0;
        if (spec.length() >= 2 && "<>^=".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            i = 2;
        } else if ("<>^=".indexOf(spec.charAt(0)) >= 0) {
            align = spec.charAt(0);
            i = 1;
        }
        char sign = '-';
        if (i < spec.length() && "+- ".indexOf(spec.charAt(i)) >= 0) {
            sign = spec.charAt(i++);
        }
        if (i < spec.length() && spec.charAt(i) == '#') {
            i++;
        }
        if (i < spec.length() && spec.charAt(i) == '0') {
            if (align == 0) {
                fill = '0';
                align = '=';
            }
            i++;
        }
        int width = 0;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            width = width * 10 + spec.charAt(i++) - '0';
        }
        char group = 0;
        if (i < spec.length() && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
            group = spec.charAt(i++);
        }
        int precision = -1;
        if (i < spec.length() && spec.charAt(i) == '.') {
            i++;
            precision = 0;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                precision = precision * 10 + spec.charAt(i++) - '0';
            }
        }
        char type = i < spec.length() ? spec.charAt(i++) : 0;
        if (i != spec.length()) {
            throw PyException.value("Invalid format specifier '" + spec + "' for object of type '" + Ops.typeName(v) + "'");
        }
        String body;
        boolean numeric = Ops.isNumber(v);
        if (v instanceof String s) {
            if (type != 0 && type != 's') {
                throw PyException.value("Unknown format code '" + type + "' for object of type 'str'");
            }
            body = precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
        } else if (numeric) {
            body = number(v, type, precision, group);
            if (sign != '-' && !body.startsWith("-")) {
                body = sign + body;
            }
        } else {
            body = Format.str(in, v);
        }
        if (align == 0) {
            align = numeric ? '>' : '<';
        }
        int pad = width - body.codePointCount(0, body.length());
        if (pad <= 0) {
            return body;
        }
        String f = String.valueOf(fill).repeat(pad);
        return switch (align) {
            case '<' -> body + f;
            case '^' -> String.valueOf(fill).repeat(pad / 2) + body + String.valueOf(fill).repeat(pad - pad / 2);
            case '=' -> body.startsWith("-") || body.startsWith("+") ? body.charAt(0) + f + body.substring(1) : f + body;
            default -> f + body;
        };
    }
    private static String number(Object v, char type, int precision, char group) {
        switch (type) {
            case 'd', 'x', 'X', 'o', 'b', 'n' -> {
                if (!Ops.isInt(v)) {
                    throw PyException.value("Unknown format code '" + type + "' for object of type 'float'");
                }
                BigInteger b = Ops.big(v);
                String s = switch (type) {
                    case 'x' -> b.toString(16);
                    case 'X' -> b.toString(16).toUpperCase();
                    case 'o' -> b.toString(8);
                    case 'b' -> b.toString(2);
                    default -> b.toString();
                };
                return group != 0 ? groups(s, group) : s;
            }
            case 'f', 'F', '%' -> {
                double d = Ops.dbl(v) * (type == '%' ? 100 : 1);
                String s = fixed(d, precision < 0 ? 6 : precision);
                if (group != 0) {
                    int dot = s.indexOf('.');
                    s = dot < 0 ? groups(s, group) : groups(s.substring(0, dot), group) + s.substring(dot);
                }
                return type == '%' ? s + "%" : s;
            }
            case 'e', 'E' -> {
                String s = String.format("%." + (precision < 0 ? 6 : precision) + "e", Ops.dbl(v));
                return type == 'E' ? s.toUpperCase() : s;
            }
            case 'g', 'G' -> {
                double d = Ops.dbl(v);
                int p = precision < 0 ? 6 : Math.max(precision, 1);
                if (d == 0) {
                    return "0";
                }
                int exp = (int) Math.floor(Math.log10(Math.abs(d)));
                String s = exp >= -4 && exp < p ? new BigDecimal(d).round(new java.math.MathContext(p)).stripTrailingZeros()
                        .toPlainString() : String.format("%." + (p - 1) + "e", d).replaceAll("\\.?0+e", "e");
                return type == 'G' ? s.toUpperCase() : s;
            }
            case 0 -> {
                if (v instanceof Double d && precision >= 0) {
                    return number(v, 'g', precision, group);
                }
                String s = v instanceof Double d ? Format.floatRepr(d) : Ops.big(v).toString();
                if (group != 0 && Ops.isInt(v)) {
                    s = groups(s, group);
                }
                return s;
            }
            default -> throw PyException.value("Unknown format code '" + type + "' for object of type '"
                    + Ops.typeName(v) + "'");
        }
    }
    static String fixed(double d, int precision) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Format.floatRepr(d);
        }
        return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }
    private static String groups(String digits, char sep) {
        boolean neg = digits.startsWith("-");
        String d = neg ? digits.substring(1) : digits;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length(); i++) {
            if (i > 0 && (d.length() - i) % 3 == 0) {
                sb.append(sep);
            }
            sb.append(d.charAt(i));
        }
        return (neg ? "-" : "") + sb;
    }
}
