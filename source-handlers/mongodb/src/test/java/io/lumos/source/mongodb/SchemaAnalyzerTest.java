package io.lumos.source.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonMaxKey;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class SchemaAnalyzerTest {

    /** The four documents of the research notes, run through Compass's analyser there. */
    private static List<Field> compassExample() {
        SchemaAnalyzer a = new SchemaAnalyzer();
        a.add(BsonDocument.parse("{_id: 1, name: 'a', age: 31, address: {city: 'x', zip: '1'}, tags: ['a', 'b']}"));
        a.add(BsonDocument.parse("{_id: 2, name: 'b', age: null, address: {city: 'y'}, tags: []}"));
        a.add(BsonDocument.parse("{_id: 3, name: 'c', age: '40', address: 'somewhere', tags: [1, [2]]}"));
        a.add(BsonDocument.parse("{_id: 4, name: 'd', tags: ['c']}"));
        assertThat(a.documents()).isEqualTo(4);
        return a.result(300).fields();
    }

    private static Field field(List<Field> fields, String path) {
        return fields.stream()
                .flatMap(f -> f.flatten().stream())
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no field " + path));
    }

    @Test
    void fieldsComeInCompassOrderIdFirst() {
        assertThat(compassExample()).extracting(Field::name).containsExactly("_id", "address", "age", "name", "tags");
    }

    @Test
    void aFieldOfSeveralTypesIsAUnionWithTheSharesOfEachType() {
        Field age = field(compassExample(), "age");
        assertThat(age.type().print()).isEqualTo("union<int32,string>");
        assertThat(age.nullable()).isTrue();
        assertThat(age.nativeType()).isEqualTo("int|string");
        assertThat(age.properties())
                .containsEntry("presence", "0.75")
                .containsEntry("type.int", "0.25")
                .containsEntry("type.null", "0.25")
                .containsEntry("type.string", "0.25");
    }

    @Test
    void nestedDocumentsAreStructsCountedAgainstTheirParents() {
        List<Field> fields = compassExample();
        Field address = field(fields, "address");
        assertThat(address.type().print()).isEqualTo("union<struct<city:string,zip:string>,string>");
        assertThat(address.properties()).containsEntry("type.object", "0.5").containsEntry("type.string", "0.25");
        Field city = field(fields, "address.city");
        assertThat(city.nullable()).isFalse();
        assertThat(city.properties()).containsEntry("presence", "1");
        Field zip = field(fields, "address.zip");
        assertThat(zip.nullable()).isTrue();
        assertThat(zip.properties()).containsEntry("presence", "0.5");
    }

    @Test
    void arraysKeepTheirElementTypesAndLengths() {
        Field tags = field(compassExample(), "tags");
        assertThat(tags.type().print()).isEqualTo("array<union<string,array<int32>,int32>>");
        assertThat(tags.nullable()).isFalse();
        assertThat(tags.properties())
                .containsEntry("array.average_length", "1.25")
                .containsEntry("array.element.type.string", "0.6")
                .containsEntry("array.element.type.int", "0.2")
                .containsEntry("array.element.type.array", "0.2");
    }

    @Test
    void arraysOfDocumentsHaveChildrenCountedPerElement() {
        SchemaAnalyzer a = new SchemaAnalyzer();
        a.add(BsonDocument.parse("{items: [{sku: 'a', qty: 1}, {sku: 'b'}]}"));
        a.add(BsonDocument.parse("{items: [{sku: 'c', qty: 2}]}"));
        List<Field> fields = a.result(300).fields();
        assertThat(field(fields, "items").type().print()).isEqualTo("array<struct<qty:int32,sku:string>>");
        Field qty = field(fields, "items.qty");
        assertThat(qty.properties()).containsEntry("presence", "0.6667");
        assertThat(qty.nullable()).isTrue();
        assertThat(field(fields, "items.sku").nullable()).isFalse();
    }

    @Test
    void bsonTypesMapToTypeStrings() {
        Document d = new Document("oid", new org.bson.types.ObjectId())
                .append("when", new java.util.Date(0))
                .append("i", 1)
                .append("l", 2L)
                .append("d", 2.5)
                .append("dec", Decimal128.parse("1.25"))
                .append("bin", new byte[] {1, 2})
                .append("uuid", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD))
                .append("b", true)
                .append("ts", new BsonTimestamp(1, 1))
                .append("re", new BsonRegularExpression("a.*"))
                .append("nothing", null)
                .append("undef", new BsonUndefined())
                .append("max", new BsonMaxKey());
        SchemaAnalyzer a = new SchemaAnalyzer();
        a.add(d.toBsonDocument());
        Map<String, String> types = new java.util.TreeMap<>();
        for (Field f : a.result(300).fields()) {
            types.put(f.name(), f.type().print() + " " + f.nativeType() + " " + f.nullable());
        }
        assertThat(types)
                .containsEntry("oid", "string objectId false")
                .containsEntry("when", "timestamptz(ms) date false")
                .containsEntry("i", "int32 int false")
                .containsEntry("l", "int64 long false")
                .containsEntry("d", "float64 double false")
                .containsEntry("dec", "string decimal false")
                .containsEntry("bin", "bytes binData false")
                .containsEntry("uuid", "uuid uuid false")
                .containsEntry("b", "boolean bool false")
                .containsEntry("ts", "timestamptz(ms) timestamp false")
                .containsEntry("re", "string regex false")
                .containsEntry("nothing", "null null true")
                .containsEntry("undef", "null null true")
                .containsEntry("max", "unknown maxKey false");
    }

    @Test
    void typeStringsRoundTrip() {
        for (Field f : compassExample()) {
            for (Field g : f.flatten()) {
                assertThat(DataTypes.parse(g.type().print())).isEqualTo(g.type());
            }
        }
    }

    @Test
    void fieldsAreCappedKeepingTheMostFrequentAndTheirParents() {
        SchemaAnalyzer a = new SchemaAnalyzer();
        for (int i = 0; i < 10; i++) {
            Document d = new Document("common", i).append("nested", new Document("inner", i));
            d.append("rare" + i, i); // each rare field appears once
            a.add(d.toBsonDocument());
        }
        SchemaAnalyzer.Result r = a.result(3);
        assertThat(r.totalFields()).isEqualTo(13);
        assertThat(r.downsampled()).isTrue();
        assertThat(r.fields().stream().flatMap(f -> f.flatten().stream()).map(Field::path))
                .containsExactlyInAnyOrder("common", "nested", "nested.inner");
        assertThat(field(r.fields(), "nested").type().print()).isEqualTo("struct<inner:int32>");
    }

    @Test
    void heterogeneousGarbageInfersWithoutCrashing() {
        SchemaAnalyzer a = new SchemaAnalyzer();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 300; i++) {
            a.add(Garbage.document(random, 0));
        }
        // a very deep document is cut into json at the depth limit
        BsonDocument deep = new BsonDocument("leaf", new BsonInt32(1));
        for (int i = 0; i < 90; i++) {
            deep = new BsonDocument("d", deep);
        }
        a.add(deep);
        a.add(BsonDocument.parse("{'': 1, 'a.b': 2, '$odd': 3}"));
        SchemaAnalyzer.Result r = a.result(300);
        assertThat(r.fields()).isNotEmpty();
        assertThat(r.fields().stream().flatMap(f -> f.flatten().stream()).count())
                .isLessThanOrEqualTo(300 + 40);
        for (Field f : r.fields()) {
            for (Field g : f.flatten()) {
                assertThat(DataTypes.parse(g.type().print())).isEqualTo(g.type());
            }
        }
        assertThat(r.fields()).extracting(Field::name).contains("(empty)", "a.b", "$odd", "d");
    }

    @Test
    void nullOnlyFieldsAreNullAndSharesAreShort() {
        SchemaAnalyzer a = new SchemaAnalyzer();
        a.add(BsonDocument.parse("{x: null}"));
        a.add(BsonDocument.parse("{y: 1}"));
        a.add(BsonDocument.parse("{y: 2}"));
        List<Field> fields = a.result(300).fields();
        assertThat(field(fields, "x").type().print()).isEqualTo("null");
        assertThat(field(fields, "x").properties()).containsEntry("presence", "0.3333");
        assertThat(SchemaAnalyzer.share(2, 3)).isEqualTo("0.6667");
        assertThat(SchemaAnalyzer.share(3, 3)).isEqualTo("1");
    }
}
