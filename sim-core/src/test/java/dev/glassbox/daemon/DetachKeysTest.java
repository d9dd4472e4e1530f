package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.api.DockerException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DetachKeysTest {
    /** Types {@code typed} (^P for ctrl-p, ^@ for NUL, ...) and tells what passed on, the same way, then "|detached" if it detached. */
    private static String type(String spec, String typed) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            in.write(c == '^' ? typed.charAt(++i) - 0x40 : c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean detached = DetachKeys.parse(spec).feed(in.toByteArray(), out);
        StringBuilder shown = new StringBuilder();
        for (byte b : out.toByteArray()) {
            shown.append(b < 0x20 ? "^" + (char) (b + 0x40) : String.valueOf((char) b));
        }
        return shown + (detached ? "|detached" : "");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';             ^P^Q;     |detached",
        "'';             a^Pb;     a^Pb",
        "'';             ^P^P^Q;   ^P^P^Q",
        "'';             x^P^Qy;   x|detached",
        "ctrl-x,q;       x^Xq;     x|detached",
        "ctrl-@;         ^@;       |detached",
        "ctrl-_,ctrl-\\; ^_^\\; |detached",
        "a,b,c;          abc;      |detached",
        "a,b,c;          ababc;    ababc",
    })
    void keysDetachOnlyWhenTypedInARow(String spec, String typed, String expected) {
        assertEquals(expected, type(spec, typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctrl-P", "ctrl-pq", "ctrl-p,", "ctrl-1", "ab"})
    void unknownKeysAreRefusedInDockersWords(String spec) {
        DockerException e = assertThrows(DockerException.class, () -> DetachKeys.parse(spec));
        assertEquals("Invalid detach keys (" + spec + ") provided", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void theDefaultIsCtrlPCtrlQ() {
        assertTrue(type("", "\u0010\u0011").endsWith("|detached"));
        assertFalse(type("ctrl-x", "\u0010\u0011").endsWith("|detached"));
    }
}
