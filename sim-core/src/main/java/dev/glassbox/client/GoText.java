package dev.glassbox.client;

/** Small Go string helpers the docker CLI's output depends on. */
final class GoText {
    private GoText() {}

    /** strconv.Quote. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case 11 -> b.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (!isPrintable(cp)) {
                        b.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && (type != Character.SPACE_SEPARATOR || cp == ' ');
    }

    /** A rune quoted as Go's %q does for a rune: {@code 'z'}. */
    static String quoteRune(int cp) {
        if (cp == '\'') {
            return "'\\''";
        }
        String q = quote(new String(Character.toChars(cp)));
        return "'" + (q.equals("\"\\\"\"") ? "\"" : q.substring(1, q.length() - 1)) + "'";
    }

    /** docker's formatter.Ellipsis: at most {@code max} runes, the last one an ellipsis when cut. */
    static String ellipsis(String s, int max) {
        int n = s.codePointCount(0, s.length());
        if (n <= max) {
            return s;
        }
        if (max <= 1) {
            return s.substring(0, s.offsetByCodePoints(0, Math.max(0, max)));
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** stringid.TruncateID: drop an algorithm prefix, keep 12 characters. */
    static String shortId(String id) {
        if (id == null) {
            return "";
        }
        int colon = id.indexOf(':');
        String hex = colon >= 0 ? id.substring(colon + 1) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name == null ? "" : name;
    }
}
