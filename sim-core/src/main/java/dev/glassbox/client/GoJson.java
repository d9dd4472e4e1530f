package dev.glassbox.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * JSON as Go's encoding/json writes it: {@code json.MarshalIndent(v, "", "    ")} for inspect, compact
 * for {@code {{json .}}}, with {@code <}, {@code >} and {@code &} escaped and empty containers as
 * {@code []} and {@code {}}.
 */
public final class GoJson {
    private static final ObjectMapper MAPPER = mapper();

    private GoJson() {}

    public static String indent(Object value) {
        try {
            return MAPPER.writer(new GoPrettyPrinter()).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("json: unsupported value: " + e.getOriginalMessage(), e);
        }
    }

    static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("json: unsupported value: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        m.getFactory().setCharacterEscapes(new HtmlEscapes());
        SimpleModule floats = new SimpleModule();
        floats.addSerializer(Double.class, new GoFloat());
        floats.addSerializer(double.class, new GoFloat());
        m.registerModule(floats);
        return m;
    }

    /** Go prints whole floats without a fraction and never uses Java's "1.0E21" spelling. */
    private static final class GoFloat extends StdSerializer<Double> {
        GoFloat() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator g, com.fasterxml.jackson.databind.SerializerProvider p)
                throws IOException {
            if (v.isNaN() || v.isInfinite()) {
                g.writeNull();
                return;
            }
            double abs = Math.abs(v);
            if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
                String s = String.format(java.util.Locale.ROOT, "%e", v).replaceAll("\\.?0+e", "e");
                g.writeNumber(s.replaceAll("e([+-])0(\\d)$", "e$1$2"));
            } else {
                g.writeNumber(new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString());
            }
        }
    }

    private static final class HtmlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table;

        HtmlEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }

    /** MarshalIndent's layout: 4-space indent, {@code "Key": value}, {@code []} and {@code {}} when empty. */
    static final class GoPrettyPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        GoPrettyPrinter() {
            super();
            DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
            withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            _objectFieldValueSeparatorWithSpaces = ": ";
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new GoPrettyPrinter();
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (!_objectIndenter.isInline()) {
                --_nesting;
            }
            if (entries > 0) {
                _objectIndenter.writeIndentation(g, _nesting);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (!_arrayIndenter.isInline()) {
                --_nesting;
            }
            if (values > 0) {
                _arrayIndenter.writeIndentation(g, _nesting);
            }
            g.writeRaw(']');
        }
    }
}
