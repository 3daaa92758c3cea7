package io.lumos.source.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Field;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** From listCollections entries as MongoDB 7 returns them (mongo-java-server cannot create these). */
class CollectionInfoTest {
    static final String PEOPLE =
            """
            {name: 'people', type: 'collection',
             options: {validator: {$jsonSchema: {
                 bsonType: 'object', required: ['name', 'email'], additionalProperties: true,
                 properties: {
                   name: {bsonType: 'string', description: 'full name'},
                   email: {bsonType: 'string'},
                   age: {bsonType: ['int', 'null'], minimum: 0},
                   status: {enum: ['active', 'retired']},
                   score: {bsonType: 'decimal'},
                   joined: {bsonType: 'date'},
                   address: {bsonType: 'object', required: ['city'],
                             properties: {city: {bsonType: 'string'}, zip: {type: 'string'}}},
                   tags: {bsonType: 'array', items: {bsonType: 'string'}},
                   visits: {bsonType: 'array', items: {bsonType: 'object', properties: {at: {bsonType: 'date'}}}},
                   ratio: {type: 'number'},
                   flag: {type: 'boolean'},
                   anything: {}
                 }}},
               validationLevel: 'strict', validationAction: 'error'},
             info: {readOnly: false}}""";

    static final String VIEW =
            """
            {name: 'adults', type: 'view',
             options: {viewOn: 'people', pipeline: [{$match: {age: {$gte: 18}}}]},
             info: {readOnly: true}}""";

    static final String WEATHER =
            """
            {name: 'weather', type: 'timeseries',
             options: {timeseries: {timeField: 'ts', metaField: 'sensor', granularity: 'hours',
                                    bucketMaxSpanSeconds: 2592000}},
             info: {readOnly: false}}""";

    private static Field field(List<Field> fields, String path) {
        return fields.stream()
                .flatMap(f -> f.flatten().stream())
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no field " + path));
    }

    @Test
    void viewsAndTimeSeriesGetTheirSubtypeAndFacts() {
        CollectionInfo view = CollectionInfo.parse(BsonDocument.parse(VIEW));
        assertThat(view.subtype()).isEqualTo("view");
        assertThat(view.properties())
                .containsEntry("view_on", "people")
                .containsEntry("pipeline", "[{\"$match\": {\"age\": {\"$gte\": 18}}}]");
        CollectionInfo weather = CollectionInfo.parse(BsonDocument.parse(WEATHER));
        assertThat(weather.subtype()).isEqualTo("timeseries");
        assertThat(weather.properties())
                .containsEntry("time_field", "ts")
                .containsEntry("meta_field", "sensor")
                .containsEntry("granularity", "hours");
        CollectionInfo plain = CollectionInfo.parse(
                BsonDocument.parse("{name: 'logs', type: 'collection', options: {capped: true, size: 4096}}"));
        assertThat(plain.subtype()).isEqualTo("collection");
        assertThat(plain.properties()).containsEntry("capped", "true").containsEntry("capped_size", "4096");
        assertThat(plain.jsonSchema()).isEmpty();
        assertThat(CollectionInfo.parse(BsonDocument.parse("{name: 'system.views'}"))
                        .isSystem())
                .isTrue();
    }

    @Test
    void aValidatorIsTheDeclaredSchema() {
        CollectionInfo people = CollectionInfo.parse(BsonDocument.parse(PEOPLE));
        assertThat(people.properties())
                .containsEntry("validation_level", "strict")
                .containsEntry("validation_action", "error");
        List<Field> fields = JsonSchemaFields.fields(people.jsonSchema().orElseThrow());
        assertThat(fields)
                .extracting(Field::name)
                .containsExactly(
                        "name",
                        "email",
                        "age",
                        "status",
                        "score",
                        "joined",
                        "address",
                        "tags",
                        "visits",
                        "ratio",
                        "flag",
                        "anything");
        assertThat(field(fields, "name").nullable()).isFalse();
        assertThat(field(fields, "name").description()).isEqualTo("full name");
        assertThat(field(fields, "email").nullable()).isFalse();
        assertThat(field(fields, "age").type().print()).isEqualTo("int32");
        assertThat(field(fields, "age").nullable()).isTrue();
        assertThat(field(fields, "age").nativeType()).isEqualTo("int|null");
        assertThat(field(fields, "status").type().print()).isEqualTo("enum(active,retired)");
        assertThat(field(fields, "score").type().print()).isEqualTo("string");
        assertThat(field(fields, "score").nativeType()).isEqualTo("decimal");
        assertThat(field(fields, "joined").type().print()).isEqualTo("timestamptz(ms)");
        assertThat(field(fields, "address").type().print()).isEqualTo("struct<city:string,zip:string>");
        assertThat(field(fields, "address.city").nullable()).isFalse();
        assertThat(field(fields, "address.zip").nullable()).isTrue();
        assertThat(field(fields, "tags").type().print()).isEqualTo("array<string>");
        assertThat(field(fields, "visits").type().print()).isEqualTo("array<struct<at:timestamptz(ms)>>");
        assertThat(field(fields, "visits.at").type().print()).isEqualTo("timestamptz(ms)");
        assertThat(field(fields, "ratio").type().print()).isEqualTo("float64");
        assertThat(field(fields, "flag").type().print()).isEqualTo("boolean");
        assertThat(field(fields, "anything").type().print()).isEqualTo("unknown");
    }

    @Test
    void sampledSharesJoinTheDeclaredFieldsAndUndeclaredFieldsFollow() {
        SchemaAnalyzer a = new SchemaAnalyzer();
        a.add(BsonDocument.parse("{name: 'a', email: 'a@x', extra: 1}"));
        a.add(BsonDocument.parse("{name: 'b', email: 'b@x'}"));
        BsonDocument schema =
                CollectionInfo.parse(BsonDocument.parse(PEOPLE)).jsonSchema().orElseThrow();
        List<Field> merged =
                MongoDbSource.declaredWithSamples(schema, a.result(300).fields());
        assertThat(merged.get(0).name()).isEqualTo("name");
        assertThat(merged.get(0).properties()).containsEntry("presence", "1");
        assertThat(merged).extracting(Field::name).endsWith("extra");
        assertThat(field(merged, "extra").properties()).containsEntry("presence", "0.5");

        BsonDocument closed = schema.clone();
        closed.put("additionalProperties", org.bson.BsonBoolean.FALSE);
        assertThat(MongoDbSource.declaredWithSamples(closed, a.result(300).fields()))
                .extracting(Field::name)
                .doesNotContain("extra");
    }
}
