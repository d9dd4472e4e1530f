package dev.glassbox.sim.programs.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The parameter name at the start of ${...}, found by hand, is what POSIX's grammar (as a regular expression) finds. */
class ExpanderNameTest {
    private static final Pattern NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[#?$!@*-])(.*)", Pattern.DOTALL);

    @Test
    void namesEndWhereTheGrammarSays() {
        String[] inputs = {"", "a", "A_1:-x", "NGINX_ENTRYPOINT_QUIET_LOGS:-", "1", "12x", "0", "#", "#x", "?", "@", "*", "-", "!x",
            "$", "%x", ":", "{", "_", "a b", "x.y", "9a", "é", "a\nb", "-:-z", "_9_"};
        for (String in : inputs) {
            Matcher m = NAME.matcher(in);
            assertEquals(m.matches() ? m.group(1).length() : 0, Expander.nameEnd(in), in);
        }
    }
}
