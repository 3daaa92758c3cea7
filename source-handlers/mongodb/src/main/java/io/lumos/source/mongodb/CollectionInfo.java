package io.lumos.source.mongodb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * One entry of {@code listCollections}: {@code {name, type, options, info}}. Parsed here, apart from
 * the driver, so that views, time-series collections and validators (which mongo-java-server cannot
 * create) are tested from recorded documents.
 */
record CollectionInfo(String name, String type, BsonDocument options) {
    private static final JsonWriterSettings JSON =
            JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    static CollectionInfo parse(BsonDocument entry) {
        String name = entry.getString("name").getValue();
        String type = entry.containsKey("type") ? entry.getString("type").getValue() : "collection";
        BsonDocument options =
                entry.containsKey("options") && entry.get("options").isDocument()
                        ? entry.getDocument("options")
                        : new BsonDocument();
        return new CollectionInfo(name, type, options);
    }

    boolean isView() {
        return type.equals("view") || options.containsKey("viewOn");
    }

    boolean isTimeSeries() {
        return type.equals("timeseries") || options.containsKey("timeseries");
    }

    /** Collections MongoDB keeps for itself ({@code system.profile}, {@code system.views}, buckets). */
    boolean isSystem() {
        return name.startsWith("system.");
    }

    /** Our subtype: view, timeseries or collection. */
    String subtype() {
        return isView() ? "view" : isTimeSeries() ? "timeseries" : "collection";
    }

    /** The validator's {@code $jsonSchema}, when the collection declares one. */
    Optional<BsonDocument> jsonSchema() {
        BsonValue validator = options.get("validator");
        if (validator != null && validator.isDocument()) {
            BsonValue schema = validator.asDocument().get("$jsonSchema");
            if (schema != null && schema.isDocument()) {
                return Optional.of(schema.asDocument());
            }
        }
        return Optional.empty();
    }

    /** Facts worth keeping as dataset properties. */
    Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        if (isView()) {
            put(out, "view_on", options.get("viewOn"));
            put(out, "pipeline", options.get("pipeline"));
        }
        BsonValue ts = options.get("timeseries");
        if (ts != null && ts.isDocument()) {
            put(out, "time_field", ts.asDocument().get("timeField"));
            put(out, "meta_field", ts.asDocument().get("metaField"));
            put(out, "granularity", ts.asDocument().get("granularity"));
        }
        put(out, "expire_after_seconds", options.get("expireAfterSeconds"));
        if (options.getBoolean("capped", org.bson.BsonBoolean.FALSE).getValue()) {
            out.put("capped", "true");
            put(out, "capped_size", options.get("size"));
            put(out, "capped_max", options.get("max"));
        }
        if (jsonSchema().isPresent()) {
            put(out, "validation_level", options.get("validationLevel"));
            put(out, "validation_action", options.get("validationAction"));
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, BsonValue value) {
        if (value == null || value.isNull()) {
            return;
        }
        String text;
        if (value.isString()) {
            text = value.asString().getValue();
        } else if (value.isNumber()) {
            text = value.isDouble()
                    ? String.valueOf(value.asDouble().getValue())
                    : String.valueOf(value.asNumber().longValue());
        } else if (value.isArray()) {
            text = new BsonDocument("v", (BsonArray) value).toJson(JSON);
            text = text.substring(text.indexOf('['), text.lastIndexOf(']') + 1);
        } else if (value.isDocument()) {
            text = value.asDocument().toJson(JSON);
        } else {
            text = value.toString();
        }
        out.put(key, text);
    }
}
