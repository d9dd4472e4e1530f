package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A path's names come back equal to the text between its slashes, whatever the table held before; a name seen twice comes
 * back as the one copy directories store.
 */
class NamesTest {
    @Test
    void aPathsNamesAreTheTextBetweenItsSlashesSharedOnce() {
        assertEquals(List.of("etc", "nginx", "conf.d"), Sys.pathNames("/etc//nginx/conf.d/"));
        assertEquals(List.of("a", "b"), Sys.pathNames("a/b"));
        assertEquals(List.of(), Sys.pathNames("/"));
        Sys.pathNames("/etc/hostname"); // seen once: made, not yet shared
        String again = Sys.pathNames("/var/lib/hostname").get(2);
        assertSame("hostname".intern(), again, "a name seen again is the directories' shared copy, which their lookup finds by identity");
        assertSame(again, Sys.pathNames("/etc/hostname").get(1), "and stays one string");
    }

    @Test
    void namesThatShareASlotOrAreLongStillComeBackRight() {
        Random r = new Random(7);
        String alphabet = "ab.-_é0";
        for (int i = 0; i < 50_000; i++) { // far more names than the table has slots: they evict one another
            StringBuilder p = new StringBuilder();
            int names = 1 + r.nextInt(4);
            StringBuilder expected = new StringBuilder();
            for (int k = 0; k < names; k++) {
                int len = 1 + r.nextInt(k == 0 && i % 100 == 0 ? 90 : 6); // now and then a name longer than the table keeps
                StringBuilder name = new StringBuilder();
                for (int c = 0; c < len; c++) {
                    name.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                p.append('/').append(name);
                expected.append(k == 0 ? "" : "|").append(name);
            }
            assertEquals(expected.toString(), String.join("|", Sys.pathNames(p.toString())), p.toString());
        }
    }
}
