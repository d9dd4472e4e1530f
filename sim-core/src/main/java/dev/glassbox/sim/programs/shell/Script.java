package dev.glassbox.sim.programs.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shell text parsed into its complete commands, in order, and the syntax error that ends it (null
 * when it parses to the end). Parsing depends on the text alone and the syntax tree is never changed
 * once built, so each text is parsed once: the same script run by every container start reuses it.
 */
record Script(List<Node> commands, ParseError error) {
    private static final int CACHED = 128;
    /** Longer texts are parsed each time rather than kept. */
    private static final int CACHED_LENGTH = 64 * 1024;
    private static final Map<String, Script> PARSED = Collections.synchronizedMap(new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Script> eldest) {
            return size() > CACHED;
        }
    });

    static Script of(String src) {
        Script s = PARSED.get(src);
        if (s == null) {
            s = parse(src);
            if (src.length() <= CACHED_LENGTH) {
                PARSED.put(src, s);
            }
        }
        return s;
    }

    private static Script parse(String src) {
        Parser parser = new Parser(src);
        List<Node> commands = new ArrayList<>();
        try {
            for (Node n = parser.next(); n != null; n = parser.next()) {
                commands.add(n);
            }
        } catch (ParseError e) {
            return new Script(List.copyOf(commands), e);
        }
        return new Script(List.copyOf(commands), null);
    }
}
