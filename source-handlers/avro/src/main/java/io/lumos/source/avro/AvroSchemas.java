package io.lumos.source.avro;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.util.Map;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;

/** Parses Avro schema text: strictly for schema files, leniently (as Avro's own readers do) for data files. */
final class AvroSchemas {
    private AvroSchemas() {}

    static Schema parse(String json, boolean strict, String name, String where) {
        try {
            Schema.Parser parser = strict
                    ? new Schema.Parser()
                    // data already written with this schema: do not refuse it over a name or default
                    : new Schema.Parser(NameValidator.NO_VALIDATION).setValidateDefaults(false);
            return parser.parse(json);
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            m = m.replaceAll("\\s+", " ").strip();
            if (m.length() > 200) {
                m = m.substring(0, 200) + "...";
            }
            throw new LumosException(ErrorCode.BAD_INPUT, name + ": " + where + " is not a valid Avro schema: " + m, e);
        }
    }

    static void putNames(Schema schema, Map<String, String> props) {
        if (schema.getType() == Schema.Type.RECORD
                || schema.getType() == Schema.Type.ENUM
                || schema.getType() == Schema.Type.FIXED) {
            props.put("schema_name", schema.getFullName());
        } else {
            props.put("schema_type", schema.getType().getName());
        }
    }
}
