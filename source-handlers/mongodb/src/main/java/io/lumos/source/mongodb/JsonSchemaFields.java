package io.lumos.source.mongodb;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.EnumType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.UnionType;
import io.lumos.domain.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The fields a collection's validator declares ({@code $jsonSchema}): {@code required} makes a field
 * not nullable, {@code bsonType} (or JSON Schema's {@code type}) gives its type, a string
 * {@code enum} becomes {@code enum(...)}, {@code description} (or {@code title}) the description.
 */
final class JsonSchemaFields {
    private JsonSchemaFields() {}

    static List<Field> fields(BsonDocument schema) {
        return fieldsOf(schema, null);
    }

    /** Whether fields outside the declared ones may exist ({@code additionalProperties} not false). */
    static boolean allowsOtherFields(BsonDocument schema) {
        BsonValue v = schema.get("additionalProperties");
        return v == null || !v.isBoolean() || v.asBoolean().getValue();
    }

    private static List<Field> fieldsOf(BsonDocument schema, String parentPath) {
        BsonValue props = schema.get("properties");
        if (props == null || !props.isDocument()) {
            return List.of();
        }
        Set<String> required = new HashSet<>();
        BsonValue req = schema.get("required");
        if (req != null && req.isArray()) {
            for (BsonValue r : req.asArray()) {
                if (r.isString()) {
                    required.add(r.asString().getValue());
                }
            }
        }
        List<Field> out = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : props.asDocument().entrySet()) {
            if (!e.getValue().isDocument()) {
                continue;
            }
            String name = BsonTypes.fieldName(e.getKey());
            String path = parentPath == null ? name : parentPath + "." + name;
            out.add(field(name, path, e.getValue().asDocument(), required.contains(e.getKey())));
        }
        return out;
    }

    private static Field field(String name, String path, BsonDocument prop, boolean required) {
        List<String> types = typeNames(prop);
        Shape shape = shape(prop, types, path);
        String description = text(prop, "description");
        return Field.builder(name, shape.type)
                .path(path)
                .nullable(!required || types.contains("null"))
                .nativeType(types.isEmpty() ? null : String.join("|", types))
                .description(description == null ? text(prop, "title") : description)
                .fields(shape.children)
                .build();
    }

    private record Shape(DataType type, List<Field> children) {}

    private static Shape shape(BsonDocument prop, List<String> types, String path) {
        Map<String, DataType> branches = new LinkedHashMap<>();
        List<Field> children = List.of();
        for (String t : types) {
            DataType type;
            switch (t) {
                case "null" -> {
                    continue;
                }
                case "object" -> {
                    List<Field> members = fieldsOf(prop, path);
                    if (members.isEmpty()) {
                        type = Primitive.JSON;
                    } else {
                        type = structOf(members);
                        if (children.isEmpty()) {
                            children = members;
                        }
                    }
                }
                case "array" -> {
                    Shape element = elementShape(prop.get("items"), path);
                    type = new ArrayType(element.type);
                    if (children.isEmpty()) {
                        children = element.children;
                    }
                }
                case "string" -> type = enumOrString(prop);
                case "number" -> type = Primitive.FLOAT64;
                case "integer" -> type = Primitive.INT64;
                case "boolean" -> type = Primitive.BOOLEAN;
                default -> type = BsonTypes.scalarType(t);
            }
            branches.putIfAbsent(type.print(), type);
        }
        if (branches.isEmpty()) {
            return new Shape(types.contains("null") ? Primitive.NULL : Primitive.UNKNOWN, List.of());
        }
        List<DataType> distinct = new ArrayList<>(branches.values());
        return new Shape(distinct.size() == 1 ? distinct.get(0) : new UnionType(distinct), children);
    }

    private static Shape elementShape(BsonValue items, String path) {
        if (items != null && items.isDocument()) {
            BsonDocument item = items.asDocument();
            return shape(item, typeNames(item), path);
        }
        if (items != null && items.isArray() && !items.asArray().isEmpty()) {
            // tuple validation: a union of the positions' types
            Map<String, DataType> branches = new LinkedHashMap<>();
            List<Field> children = List.of();
            for (BsonValue v : items.asArray()) {
                if (v.isDocument()) {
                    Shape s = shape(v.asDocument(), typeNames(v.asDocument()), path);
                    branches.putIfAbsent(s.type.print(), s.type);
                    if (children.isEmpty()) {
                        children = s.children;
                    }
                }
            }
            if (!branches.isEmpty()) {
                List<DataType> distinct = new ArrayList<>(branches.values());
                return new Shape(distinct.size() == 1 ? distinct.get(0) : new UnionType(distinct), children);
            }
        }
        return new Shape(Primitive.UNKNOWN, List.of());
    }

    private static DataType enumOrString(BsonDocument prop) {
        BsonValue values = prop.get("enum");
        if (values == null || !values.isArray() || values.asArray().isEmpty()) {
            return Primitive.STRING;
        }
        List<String> symbols = new ArrayList<>();
        for (BsonValue v : values.asArray()) {
            if (!v.isString()) {
                return Primitive.STRING;
            }
            if (!symbols.contains(v.asString().getValue())) {
                symbols.add(v.asString().getValue());
            }
        }
        return new EnumType(symbols);
    }

    /** The declared type names: {@code bsonType} first, else JSON Schema {@code type}; the object with properties is implied. */
    static List<String> typeNames(BsonDocument prop) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("bsonType", "type")) {
            BsonValue v = prop.get(key);
            if (v == null) {
                continue;
            }
            if (v.isString()) {
                out.add(normalize(v.asString().getValue()));
            } else if (v.isArray()) {
                for (BsonValue t : v.asArray()) {
                    if (t.isString() && !out.contains(normalize(t.asString().getValue()))) {
                        out.add(normalize(t.asString().getValue()));
                    }
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        if (prop.containsKey("properties")) {
            out.add("object");
        } else if (prop.containsKey("items")) {
            out.add("array");
        } else if (prop.containsKey("enum")) {
            out.add("string");
        }
        return out;
    }

    private static String normalize(String type) {
        return switch (type) {
            case "boolean" -> "bool"; // JSON Schema's name, same type
            default -> type;
        };
    }

    private static StructType structOf(List<Field> members) {
        List<StructType.Member> out = new ArrayList<>(members.size());
        for (Field m : members) {
            out.add(new StructType.Member(m.name(), m.type()));
        }
        return new StructType(out);
    }

    private static String text(BsonDocument prop, String key) {
        BsonValue v = prop.get(key);
        return v != null && v.isString() ? v.asString().getValue() : null;
    }
}
