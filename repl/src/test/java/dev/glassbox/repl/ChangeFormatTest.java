package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.glassbox.trace.Change;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeFormatTest {
    @Test
    void oneLinePerKindOfChange() {
        assertEquals("+ /a 1", ChangeFormat.line(new Change("/a", null, IntNode.valueOf(1)), Style.PLAIN));
        assertEquals("- /a", ChangeFormat.line(new Change("/a", IntNode.valueOf(1), null), Style.PLAIN));
        assertEquals("~ /a 1 → 2", ChangeFormat.line(new Change("/a", IntNode.valueOf(1), IntNode.valueOf(2)), Style.PLAIN));
    }

    @Test
    void keysThatArePathsReadAsPaths() {
        assertEquals("- /host/cgroups/docker/c4797", ChangeFormat.line(new Change("/host/cgroups/docker~1c4797", IntNode.valueOf(1), null), Style.PLAIN));
        assertEquals("- /host/mounts/mnt:[4]/var/lib/x~0y", ChangeFormat.line(new Change("/host/mounts/mnt:[4]~1var~1lib~1x~00y", IntNode.valueOf(1), null), Style.PLAIN));
    }

    @Test
    void longValuesAreCut() {
        String line = ChangeFormat.line(new Change("/a", null, TextNode.valueOf("x".repeat(200))), Style.PLAIN);
        assertEquals("+ /a ".length() + ChangeFormat.MAX_VALUE, line.length());
        assertTrue(line.endsWith("…"));
    }

    @Test
    void manyChangesAreSummed() {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < ChangeFormat.MAX_LINES + 3; i++) {
            changes.add(new Change("/n" + i, null, IntNode.valueOf(i)));
        }
        String text = ChangeFormat.lines(changes, "  ", Style.PLAIN);
        assertTrue(text.endsWith("  … and 3 more changes\n"), text);
    }
}
