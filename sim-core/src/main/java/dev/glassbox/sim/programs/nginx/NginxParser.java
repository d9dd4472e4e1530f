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
    /**
     * Whether include directives are kept as they stand, to be expanded after the whole text parsed (what the cache
     * holds), or read at once where they stand (what nginx does, and so what decides which error comes first).
     */
    private boolean deferIncludes = true;

    private static final int CACHED = 64;

    private record Source(String file, String text) {}

    /**
     * What a text parses to, include directives not yet expanded, by file name and text: the directives are immutable,
     * and nginx's own files (nginx.conf, mime.types, default.conf) are parsed at every start of every container.
     */
    private static final Map<Source, List<NginxConf.Directive>> PARSED = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Source, List<NginxConf.Directive>> eldest) {
            return size() > CACHED;
        }
    });

    NginxParser(String src, String file) {
        this.src = src;
        this.file = file;
    }

    /** The directives of the text, with what each include names read and parsed in its place. */
    List<NginxConf.Directive> parse(Sys sys, String dir) {
        Source key = new Source(file, src);
        List<NginxConf.Directive> parsed = PARSED.get(key);
        if (parsed == null) {
            try {
                parsed = List.copyOf(block(sys, dir, false));
            } catch (NginxConf.Invalid e) {
                // The text is wrong: parse it again as nginx does, reading each include where it stands, so that an
                // included file's error found before this one is the one reported.
                pos = 0;
                line = 1;
                deferIncludes = false;
                return block(sys, dir, false);
            }
            PARSED.put(key, parsed);
        }
        return expand(sys, dir, parsed);
    }

    /** {@code directives} with each include replaced by what it names, in blocks too; the same list when it has none. */
    private static List<NginxConf.Directive> expand(Sys sys, String dir, List<NginxConf.Directive> directives) {
        List<NginxConf.Directive> out = null;
        for (int i = 0; i < directives.size(); i++) {
            NginxConf.Directive d = directives.get(i);
            List<NginxConf.Directive> included = null;
            NginxConf.Directive one = d;
            if (d.block() == null && d.name().equals("include")) {
                included = include(sys, dir, d);
            } else if (d.block() != null) {
                List<NginxConf.Directive> body = expand(sys, dir, d.block());
                if (body != d.block()) {
                    one = new NginxConf.Directive(d.name(), d.args(), body, d.file(), d.line());
                }
            }
            if (out == null && (included != null || one != d)) {
                out = new ArrayList<>(directives.subList(0, i));
            }
            if (out != null) {
                if (included != null) {
                    out.addAll(included);
                } else {
                    out.add(one);
                }
            }
        }
        return out == null ? directives : out;
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
                    if (d.name().equals("include") && !deferIncludes) {
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

    private static List<NginxConf.Directive> include(Sys sys, String dir, NginxConf.Directive d) {
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
