package io.lumos.source.mongodb;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.TimeUnit;
import org.bson.BsonBinarySubType;
import org.bson.BsonValue;

/**
 * BSON types by the aliases MongoDB itself uses ({@code $type}, {@code $jsonSchema.bsonType}), and
 * their type strings. Decimal128 maps to {@code string} with native type {@code decimal}: it is a
 * decimal floating point whose exponent varies per value, so any {@code decimal(p,s)} would be a
 * guess that flips with the random sample and shows up as a false schema change.
 */
final class BsonTypes {
    private static final Timestamp MILLIS_INSTANT = new Timestamp(TimeUnit.MILLIS, true);

    private BsonTypes() {}

    /** The alias of a value's type; binary UUIDs (subtypes 3 and 4) are {@code uuid}. */
    static String alias(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOUBLE -> "double";
            case STRING -> "string";
            case DOCUMENT -> "object";
            case ARRAY -> "array";
            case BINARY -> {
                byte subtype = value.asBinary().getType();
                yield subtype == BsonBinarySubType.UUID_STANDARD.getValue()
                                || subtype == BsonBinarySubType.UUID_LEGACY.getValue()
                        ? "uuid"
                        : "binData";
            }
            case UNDEFINED -> "undefined";
            case OBJECT_ID -> "objectId";
            case BOOLEAN -> "bool";
            case DATE_TIME -> "date";
            case NULL -> "null";
            case REGULAR_EXPRESSION -> "regex";
            case DB_POINTER -> "dbPointer";
            case JAVASCRIPT -> "javascript";
            case SYMBOL -> "symbol";
            case JAVASCRIPT_WITH_SCOPE -> "javascriptWithScope";
            case INT32 -> "int";
            case TIMESTAMP -> "timestamp";
            case INT64 -> "long";
            case DECIMAL128 -> "decimal";
            case MIN_KEY -> "minKey";
            case MAX_KEY -> "maxKey";
            default -> "unknown";
        };
    }

    /** The type string of a non-container alias (also the {@code bsonType} names of validators). */
    static DataType scalarType(String alias) {
        return switch (alias) {
            case "double" -> Primitive.FLOAT64;
            case "int" -> Primitive.INT32;
            case "long" -> Primitive.INT64;
            case "bool" -> Primitive.BOOLEAN;
            case "date", "timestamp" -> MILLIS_INSTANT;
            case "binData" -> Primitive.BYTES;
            case "uuid" -> Primitive.UUID;
            case "null", "undefined" -> Primitive.NULL;
            case "json", "object" -> Primitive.JSON;
            case "string", "objectId", "decimal", "regex", "javascript", "javascriptWithScope", "symbol", "dbPointer" ->
                Primitive.STRING;
            default -> Primitive.UNKNOWN;
        };
    }

    /** Field names must not be empty in our model; MongoDB allows an empty key. */
    static String fieldName(String key) {
        return key.isEmpty() ? "(empty)" : key;
    }
}
