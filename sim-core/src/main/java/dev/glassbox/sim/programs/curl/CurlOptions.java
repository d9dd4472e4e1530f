package dev.glassbox.sim.programs.curl;

import java.util.ArrayList;
import java.util.List;

/** curl's command line: the options the sim's curl honours, short ones bundled as curl allows ({@code -fsSL}). */
final class CurlOptions {
    static final String TRY = "curl: try 'curl --help' or 'curl --manual' for more information";

    boolean silent;
    boolean showError;
    boolean fail;
    boolean follow;
    boolean head;
    boolean include;
    boolean verbose;
    boolean remoteName;
    String output;
    String method;
    String data;
    String writeOut;
    String agent;
    final List<String> headers = new ArrayList<>();
    final List<String> urls = new ArrayList<>();
    boolean version;
    boolean help;

    /** Thrown with curl's own words (and its exit status 2) for an option it does not know or one missing its value. */
    static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    static CurlOptions parse(List<String> args) {
        CurlOptions o = new CurlOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                i = o.longOption(a, args, i);
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int c = 1; c < a.length(); c++) {
                    char ch = a.charAt(c);
                    if ("oXdHwAmue".indexOf(ch) >= 0) {
                        String value = c + 1 < a.length() ? a.substring(c + 1) : next(args, ++i, "-" + ch);
                        o.value(ch, value);
                        break;
                    }
                    o.flag(ch, a);
                }
            } else {
                o.urls.add(a);
            }
        }
        return o;
    }

    private static String next(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new Bad("curl: option " + option + ": requires parameter\n" + TRY);
        }
        return args.get(i);
    }

    private void flag(char ch, String arg) {
        switch (ch) {
            case 's' -> silent = true;
            case 'S' -> showError = true;
            case 'f' -> fail = true;
            case 'L' -> follow = true;
            case 'I' -> head = true;
            case 'i' -> include = true;
            case 'v' -> verbose = true;
            case 'O' -> remoteName = true;
            case 'k', 'N', 'q', '#', '4' -> { }
            case 'V' -> version = true;
            case 'h' -> help = true;
            default -> throw new Bad("curl: option " + arg + ": is unknown\n" + TRY);
        }
    }

    private void value(char ch, String v) {
        switch (ch) {
            case 'o' -> output = v;
            case 'X' -> method = v;
            case 'd' -> data = data == null ? v : data + "&" + v;
            case 'H' -> headers.add(v);
            case 'w' -> writeOut = v;
            case 'A' -> agent = v;
            default -> { } // -m, -u, -e: accepted, without effect in the sim
        }
    }

    private int longOption(String a, List<String> args, int i) {
        switch (a) {
            case "--silent" -> silent = true;
            case "--show-error" -> showError = true;
            case "--fail" -> fail = true;
            case "--location" -> follow = true;
            case "--head" -> head = true;
            case "--include" -> include = true;
            case "--verbose" -> verbose = true;
            case "--remote-name" -> remoteName = true;
            case "--insecure", "--compressed", "--no-progress-meter" -> silentIfMeter(a);
            case "--version" -> version = true;
            case "--help" -> help = true;
            case "--output" -> output = next(args, ++i, a);
            case "--request" -> method = next(args, ++i, a);
            case "--data", "--data-raw", "--data-binary" -> value('d', next(args, ++i, a));
            case "--header" -> headers.add(next(args, ++i, a));
            case "--write-out" -> writeOut = next(args, ++i, a);
            case "--user-agent" -> agent = next(args, ++i, a);
            case "--max-time", "--connect-timeout", "--retry", "--retry-delay", "--user", "--referer" -> next(args, ++i, a);
            default -> throw new Bad("curl: option " + a + ": is unknown\n" + TRY);
        }
        return i;
    }

    private boolean noMeter;

    private void silentIfMeter(String a) {
        if (a.equals("--no-progress-meter")) {
            noMeter = true;
        }
    }

    boolean meterOff() {
        return silent || noMeter;
    }
}
