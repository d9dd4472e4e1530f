package dev.glassbox.repl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** Pretty JSON for {@code state} and {@code trace --json} (the trace as {@code TraceJson} writes it, as the web serves it); the mapper is built on first use only. */
final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();
    }

    static String pretty(Object value) {
        try {
            return Holder.PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
