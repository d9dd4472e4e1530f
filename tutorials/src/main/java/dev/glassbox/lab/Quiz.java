package dev.glassbox.lab;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A question for the conceptual part of a lesson: multiple choice ({@code choices}, the right one in
 * {@code answer}; the student may type it or its number) or a typed answer matched by {@code pattern}
 * (a regular expression, case-insensitive, against the whole answer), with {@code answer} a right one that
 * {@code solution} shows. {@code explain} is shown once it is answered right.
 */
public record Quiz(String question, List<String> choices, String answer, String pattern, String explain) {
    public Quiz {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("a quiz needs a question");
        }
        choices = choices == null ? List.of() : List.copyOf(choices);
        explain = explain == null ? "" : explain.strip();
        if (choices.isEmpty() == (pattern == null)) {
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("a quiz needs choices (with an answer) or a pattern");
            }
            throw new IllegalArgumentException("a quiz has choices or a pattern, not both");
        }
        if (!choices.isEmpty() && (answer == null || !choices.contains(answer))) {
            throw new IllegalArgumentException("the quiz's answer must be one of its choices " + choices + ": " + answer);
        }
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the quiz's pattern is not a regular expression: " + e.getDescription());
            }
            // not accepts(): in a compact constructor the fields are not assigned yet
            if (answer == null || !matches(pattern, answer.strip())) {
                throw new IllegalArgumentException("a quiz with a pattern needs an answer the pattern accepts (the one `solution` shows): " + answer);
            }
        }
    }

    /** Whether {@code given} is right: a choice by its text or its number, or text the pattern matches. */
    public boolean accepts(String given) {
        String a = given == null ? "" : given.strip();
        if (!choices.isEmpty()) {
            if (a.matches("\\d{1,3}")) {
                int n = Integer.parseInt(a);
                return n >= 1 && n <= choices.size() && choices.get(n - 1).equals(answer);
            }
            return a.toLowerCase(Locale.ROOT).equals(answer.toLowerCase(Locale.ROOT));
        }
        return matches(pattern, a);
    }

    private static boolean matches(String pattern, String answer) {
        return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(answer).matches();
    }

    /** A right answer, as the reference solution gives it. */
    public String reference() {
        return answer;
    }
}
