package io.boxoffice.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every JSON string the API reads is refused when it holds a NUL character ({@code \u0000}), which
 * PostgreSQL text cannot store: the request gets a 400 naming the field instead of reaching the
 * database.
 */
final class NulFreeStrings extends SimpleModule {

    NulFreeStrings() {
        super("nul-free-strings");
        addDeserializer(String.class, new Deserializer());
    }

    /** Reads a string as Jackson does, then refuses it if it holds a NUL. */
    private static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, RequestHygieneFilter.NO_NUL, value, String.class);
            }
            return value;
        }
    }
}
