package io.lumos.domain.diff;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/** Structural mutations of an Avro record: fields dropped, added, promoted, made optional. */
final class Mutations {
    private Mutations() {}

    static List<Schema> of(Schema record) {
        List<Schema> out = new ArrayList<>();
        List<Schema.Field> fields = record.getFields();
        out.add(record);
        for (int i = 0; i < fields.size(); i++) {
            List<Schema.Field> copy = copy(fields);
            copy.remove(i);
            out.add(rebuild(record, copy));
        }
        Schema intSchema = Schema.create(Schema.Type.INT);
        Schema optInt = Schema.createUnion(Schema.create(Schema.Type.NULL), intSchema);
        out.add(rebuild(record, plus(fields, new Schema.Field("zz_added", intSchema, null, (Object) null))));
        out.add(rebuild(record, plus(fields, new Schema.Field("zz_added", intSchema, null, 7))));
        out.add(rebuild(record, plus(fields, new Schema.Field("zz_added", optInt, null, JsonProperties.NULL_VALUE))));
        out.add(rebuild(record, plus(fields, new Schema.Field("zz_added", optInt, null, (Object) null))));
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field f = fields.get(i);
            Schema s = f.schema();
            if (s.getLogicalType() != null) {
                continue; // logical types are the blind spots, tested on their own
            }
            Schema promoted =
                    switch (s.getType()) {
                        case INT -> Schema.create(Schema.Type.LONG);
                        case LONG -> Schema.create(Schema.Type.DOUBLE);
                        case FLOAT -> Schema.create(Schema.Type.DOUBLE);
                        case DOUBLE -> Schema.create(Schema.Type.FLOAT);
                        case STRING -> Schema.create(Schema.Type.BYTES);
                        case BYTES -> Schema.create(Schema.Type.INT);
                        case BOOLEAN -> Schema.create(Schema.Type.STRING);
                        default -> null;
                    };
            if (promoted != null) {
                List<Schema.Field> copy = copy(fields);
                copy.set(i, new Schema.Field(f, promoted));
                out.add(rebuild(record, copy));
            }
            if (s.getType() != Schema.Type.UNION) {
                List<Schema.Field> copy = copy(fields);
                copy.set(
                        i,
                        new Schema.Field(
                                f.name(),
                                Schema.createUnion(Schema.create(Schema.Type.NULL), s),
                                f.doc(),
                                JsonProperties.NULL_VALUE));
                out.add(rebuild(record, copy));
                List<Schema.Field> arr = copy(fields);
                arr.set(i, new Schema.Field(f.name(), Schema.createArray(s), f.doc(), (Object) null));
                out.add(rebuild(record, arr));
            }
            if (!f.hasDefaultValue() && s.getType() == Schema.Type.INT) {
                List<Schema.Field> copy = copy(fields);
                copy.set(i, new Schema.Field(f.name(), s, f.doc(), 0));
                out.add(rebuild(record, copy));
            }
        }
        return out;
    }

    private static List<Schema.Field> plus(List<Schema.Field> fields, Schema.Field extra) {
        List<Schema.Field> copy = copy(fields);
        copy.add(extra);
        return copy;
    }

    private static List<Schema.Field> copy(List<Schema.Field> fields) {
        List<Schema.Field> out = new ArrayList<>();
        for (Schema.Field f : fields) {
            out.add(new Schema.Field(f, f.schema()));
        }
        return out;
    }

    private static Schema rebuild(Schema record, List<Schema.Field> fields) {
        Schema r = Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), record.isError());
        for (String alias : record.getAliases()) {
            r.addAlias(alias);
        }
        r.setFields(fields);
        return r;
    }
}
