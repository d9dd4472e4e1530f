package dev.glassbox.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A quiz with a pattern loads, accepts what the pattern matches (case-insensitive, whole answer), and must accept its own answer. */
class QuizTest {
    @Test
    void aPatternQuizAcceptsMatchingAnswers() {
        Quiz q = new Quiz("How many layers are shared?", null, "1", "(1|one)( layers?)?", "");
        assertTrue(q.accepts("1"));
        assertTrue(q.accepts(" One layer "));
        assertFalse(q.accepts("2"));
        assertFalse(q.accepts("11"), "the whole answer must match");
    }

    @Test
    void aPatternQuizMustAcceptItsOwnAnswer() {
        assertThrows(IllegalArgumentException.class, () -> new Quiz("Which port?", null, "80", "8080", ""));
    }
}
