package dev.glassbox.sim.programs.nginx;

import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Globs;
import dev.glassbox.sim.programs.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** nginx's configuration syntax: words and quoted strings, ';' ends a directive, '{' '}' a block, '#' comments. */
final class NginxParser {
    private final String src;
    private final String file;
    private int pos;
    private int line = 1;
    /** Whether the text included other files: then what it parses to depends on more than its own text. */
    private boolean included;

    private static final int CACHED = 64;
    /**
     * What a text without include directives parses to, by file name and text: the directives are
     * immutable, and nginx's own files (mime.types, default.conf) are parsed at every start.
     */
    private static final Map<String, List<NginxConf.Directive>> PARSED = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<NginxConf.Directive>> eldest) {
            return size() > CACHED;
        }
    });

    NginxParser(String src, String file) {
        this.src = src;
        this.file = file;
    }

    List<NginxConf.Directive> parse(Sys sys, String dir) {
        String key = file + "\u0000" + src;
        List<NginxConf.Directive> cached = PARSED.get(key);
        if (cached != null) {
            return new ArrayList<>(cached);
        }
        List<NginxConf.Directive> out = block(sys, dir, false);
        if (!included) {
            PARSED.put(key, List.copyOf(out));
        }
        return out;
    }

    private List<NginxConf.Directive> block(Sys sys, String dir, boolean inner) {
        List<NginxConf.Directive> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int start = line;
        while (true) {
            String tok = token();
            if (tok == null) {
                if (inner || !words.isEmpty()) {
                    throw new NginxConf.Invalid("unexpected end of file, expecting \";\" or \"}\" in " + file + ":" + line);
                }
                return out;
            }
            switch (tok) {
                case ";" -> {
                    if (words.isEmpty()) {
                        throw new NginxConf.Invalid("unexpected \";\" in " + file + ":" + line);
                    }
                    NginxConf.Directive d = new NginxConf.Directive(words.get(0), List.copyOf(words.subList(1, words.size())),
                            null, file, start);
                    if (d.name().equals("include")) {
                        out.addAll(include(sys, dir, d));
                    } else {
                        out.add(d);
                    }
                    words.clear();
                }
                case "{" -> {
                    if (words.isEmpty()) {
                        throw new NginxConf.Invalid("unexpected \"{\" in " + file + ":" + line);
                    }
                    int at = start;
                    List<NginxConf.Directive> body = block(sys, dir, true);
                    out.add(new NginxConf.Directive(words.get(0), List.copyOf(words.subList(1, words.size())), body, file, at));
                    words.clear();
                }
                case "}" -> {
                    if (!inner || !words.isEmpty()) {
                        throw new NginxConf.Invalid("unexpected \"}\" in " + file + ":" + line);
                    }
                    return out;
                }
                default -> {
                    if (words.isEmpty()) {
                        start = line;
                    }
                    words.add(tok.startsWith("\u0000") ? tok.substring(1) : tok);
                }
            }
        }
    }

    private List<NginxConf.Directive> include(Sys sys, String dir, NginxConf.Directive d) {
        included = true;
        String pattern = d.arg(0, "");
        String path = pattern.startsWith("/") ? pattern : Paths.join(dir, pattern);
        List<String> files = Globs.hasMeta(path) ? Globs.expand(sys, path) : List.of(path);
        List<NginxConf.Directive> out = new ArrayList<>();
        for (String f : files) {
            out.addAll(new NginxParser(NginxConf.read(sys, f, d), f).parse(sys, dir));
        }
        return out;
    }

    /** The next token; quoted strings come back prefixed with NUL so ";" in quotes stays a word. */
    private String token() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= src.length()) {
            return null;
        }
        char c = src.charAt(pos);
        if (c == ';' || c == '{' || c == '}') {
            pos++;
            return String.valueOf(c);
        }
        StringBuilder sb = new StringBuilder();
        if (c == '"' || c == '\'') {
            pos++;
            while (pos < src.length() && src.charAt(pos) != c) {
                char x = src.charAt(pos++);
                if (x == '\\' && pos < src.length()) {
                    x = src.charAt(pos++);
                }
                if (x == '\n') {
                    line++;
                }
                sb.append(x);
            }
            pos++;
            return "\u0000" + sb;
        }
        while (pos < src.length()) {
            char x = src.charAt(pos);
            if (Character.isWhitespace(x) || x == ';' || x == '{' || x == '}') {
                break;
            }
            sb.append(x);
            pos++;
        }
        return sb.toString();
    }
}
