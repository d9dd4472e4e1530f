package dev.glassbox.repl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.glassbox.trace.Trace;

/** Pretty JSON for {@code state} and {@code trace --json}; the mapper is built on first use only. */
final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectWriter PRETTY = new ObjectMapper()
                .addMixIn(Trace.class, TraceMixin.class)
                .writerWithDefaultPrettyPrinter();
    }

    /** {@link Trace#isEmpty()} is a question, not part of the trace. */
    @JsonIgnoreProperties({"empty"})
    private abstract static class TraceMixin {}

    static String pretty(Object value) {
        try {
            return Holder.PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
