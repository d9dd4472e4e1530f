package dev.glassbox.sim.programs.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** apt's number and list formats, from the examples apt itself prints. */
class AptTextTest {
    @ParameterizedTest
    @CsvSource({"151000,[151 kB]", "55400,[55.4 kB]", "48000,[48.0 kB]", "8808,[8808 B]", "8792000,[8792 kB]",
        "19300000,[19.3 MB]", "13500,[13.5 kB]"})
    void sizesInBrackets(long bytes, String shown) {
        assertEquals(shown, AptText.bracket(bytes));
    }

    @Test
    void listsWrapBeforeColumn77() {
        assertEquals("Title:\n  aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggggggggg\n  hh\n",
                AptText.list("Title:", List.of("aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc", "dddddddddd", "eeeeeeeeee",
                        "ffffffffff", "gggggggggg", "hh")));
        assertEquals("", AptText.list("Title:", List.of()));
    }
}
