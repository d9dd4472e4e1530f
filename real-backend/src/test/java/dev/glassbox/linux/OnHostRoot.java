package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test on the host's kernel with a state root of its own ({@link HostRoot}, skipped with the reason
 * where the host cannot run it), checked to leave nothing of glassbox's behind, also after a failure.
 */
abstract class OnHostRoot {
    protected HostRoot host;

    /** The short tag the test's names on the host carry (three letters are kept). */
    protected abstract String tag();

    @BeforeEach
    void openHostRoot() throws IOException {
        host = HostRoot.open(getClass().getSimpleName(), tag());
    }

    @AfterEach
    void nothingLeft() {
        if (host != null) {
            try {
                assertEquals(List.of(), host.leftovers(), "nothing of glassbox's is left on the host");
            } finally {
                host.close();
            }
        }
    }
}
