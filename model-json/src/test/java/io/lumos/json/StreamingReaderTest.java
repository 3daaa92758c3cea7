package io.lumos.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming reader must give exactly what the former tree reader gave, results and errors. */
class StreamingReaderTest {

    /** Dataset documents: nested fields, missing and null keys, odd orders and shapes. */
    static List<String> datasets() {
        return List.of(
                ModelJson.toJson(ModelJsonTest.dataset()),
                // keys in unusual order, id last, fields before everything
                """
                {"fields":[{"type":"struct<a:int32,b:array<struct<c:string>>>","fields":[
                   {"fields":[{"name":"c","path":"s.b.c","type":"string"}],"name":"b","path":"s.b",
                    "type":"array<struct<c:string>>","nullable":false}],"name":"s"}],
                 "tags":["x","y"],"description":"d","id":"urn:li:dataset:(urn:li:dataPlatform:Hive,db.t,dev)"}
                """,
                // no id: platform/name/env; env missing; nulls everywhere
                """
                {"platform":"postgres","name":"shop.t","description":null,"subtype":null,"rowCount":null,
                 "sizeBytes":null,"lastModified":null,"status":null,"version":null,"fields":null,"owners":null,
                 "tags":null,"properties":null,"domain":null,"location":null}
                """,
                "{\"platform\":\"pg\",\"name\":\"t\",\"env\":null}",
                "{\"platform\":\"pg\",\"name\":\"t\",\"env\":\"qa\",\"fields\":[]}",
                // unicode, escapes, large numbers, numbers as text, text as numbers
                """
                {"id":"postgres:sch\\u00e9ma.t\\u00e4ble","description":"caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\n",
                 "rowCount":9223372036854775807,"sizeBytes":"42","tags":[1,true,2.5,null,"日本"],
                 "properties":{"b":"2","a":1,"c":null,"d":{"x":1},"e":[1]},
                 "fields":[{"name":"ü","type":"string","nullable":"false","primaryKey":1,"partitionKey":"true",
                            "default":0,"identity":12,"description":"  ","tags":["t"],
                            "properties":{"k":"v"},"unknown":{"deep":[1,2,{"x":null}]}}]}
                """,
                "{\"id\":\"pg:t\",\"rowCount\":12345678901234567890,\"sizeBytes\":1.9}",
                "{\"id\":\"pg:t\",\"rowCount\":3.7e3,\"sizeBytes\":-0}",
                // owners: strings, objects, odd types; version object with keys in odd order
                """
                {"owners":["alice",{"type":"data_steward","id":"group:ops"},{"id":"bob","type":null,"x":1}],
                 "version":{"changeType":"PATCH","timestamp":"2026-03-01T10:00:00Z","cloudVersion":"7",
                            "extra":[1,2]},
                 "id":"pg:t","unknown":[{"a":[]}],"glossaryTerms":["G"],"domain":"d","location":"s3://b/k"}
                """,
                // fields as an object (the tree iterated its values), owners as a scalar, tags as an object
                """
                {"id":"pg:t","fields":{"a":{"name":"a","type":"int64"},"b":{"name":"b"}},"owners":"x",
                 "tags":{"t1":"v1"},"glossaryTerms":"G","properties":["a"],"version":{"cloudVersion":"1",
                 "timestamp":"2026-01-01T00:00:00Z","schemaVersion":null}}
                """,
                // duplicate keys: last wins
                "{\"id\":\"pg:a\",\"id\":\"pg:b\",\"tags\":[\"1\"],\"tags\":[\"2\"],\"fields\":[{\"name\":\"x\"}],"
                        + "\"fields\":[{\"name\":\"y\"}]}",
                // id as a number, platform as an object
                "{\"id\":null,\"platform\":\"pg\",\"name\":12}",
                // elements of other shapes than objects: read as objects with every key missing
                "{\"id\":\"pg:t\",\"fields\":[1]}",
                "{\"id\":\"pg:t\",\"fields\":[null,\"a\",[{\"name\":\"x\"}]]}",
                "{\"id\":\"pg:t\",\"fields\":[{\"name\":\"a\",\"fields\":{\"b\":{\"name\":\"b\"},\"c\":7}}]}",
                "{\"id\":\"pg:t\",\"owners\":[1,null,[\"x\"],{\"id\":[1]}]}",
                "{\"id\":\"pg:t\",\"owners\":{\"o\":\"alice\",\"p\":{\"id\":\"bob\"}}}",
                "{\"id\":\"pg:t\",\"version\":[]}",
                "{\"id\":\"pg:t\",\"version\":17,\"tags\":\"t\",\"properties\":7}",
                "{\"id\":\"pg:t\",\"fields\":\"a\",\"owners\":true,\"glossaryTerms\":{\"a\":[1],\"b\":{\"c\":2}}}",
                // bad inputs: each must fail with the same message
                "{\"id\":\"pg:t\",\"fields\":[{\"name\":\"a\",\"type\":\"nope<\"}]}",
                "{\"fields\":[{\"name\":\"a\",\"type\":\"nope<\"}],\"id\":\"bad urn\"}",
                "{\"id\":\"pg:t\",\"fields\":[{\"name\":\"\"}]}",
                "{\"id\":\"pg:t\",\"fields\":[{\"name\":\"a\"},{\"name\":\"a\"}]}",
                "{\"id\":\"pg:t\",\"owners\":[\"\"],\"status\":\"nope\"}",
                "{\"id\":\"pg:t\",\"status\":\"nope\",\"lastModified\":\"yesterday\"}",
                "{\"id\":\"pg:t\",\"rowCount\":-1}",
                "{\"id\":\"pg:t\",\"version\":{\"timestamp\":\"x\"}}",
                "{\"id\":\"pg:t\",\"version\":\"v1\"}",
                "{\"fields\":[{\"name\":\"a\",\"fields\":[{\"name\":\"b\",\"type\":\"??\"}],\"type\":\"!!\"}]}",
                "{\"fields\":[{\"name\":\"a\",\"type\":\"nope<\"}],\"id\":\"pg:t\",\"x\":[1,",
                "{}",
                "[]",
                "null",
                "",
                "{\"id\":\"pg:t\"} trailing");
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void datasetsMatchTheTreeReader(String json) {
        Object tree = outcome(() -> TreeSnapshotReader.readDataset(json));
        Object stream = outcome(() -> ModelJson.readDataset(json));
        assertThat(stream).isEqualTo(tree);
    }

    /** Snapshot documents: sections in any order, odd shapes, and every error path. */
    static List<String> snapshots() {
        String v = "{\"dataset\":\"pg:t\",\"cloudVersion\":\"1\",\"timestamp\":\"2026-01-01T00:00:00Z\"}";
        String e = "{\"columns\":[{\"upstream\":[\"a\",\"b\"],\"downstream\":\"c\",\"transformation\":\"a+b\"},"
                + "{\"downstream\":\"d\",\"upstream\":[\"x\"]}],\"downstream\":\"pg:t\",\"upstream\":\"urn:li:dataset:"
                + "(urn:li:dataPlatform:pg,u,PROD)\",\"type\":\"copied\",\"confidence\":0.25}";
        return List.of(
                "{\"versions\":[" + v + "," + v.replace("\"1\"", "\"2\"") + "],\"lineage\":[" + e + ",{\"upstream\":"
                        + "\"pg:a\",\"downstream\":\"pg:b\",\"confidence\":1,\"createdAt\":\"2026-02-02T00:00:00Z\"}],"
                        + "\"datasets\":[{\"id\":\"pg:t\"},{\"id\":\"pg:b\"}],\"producer\":\"me\","
                        + "\"createdAt\":\"2026-03-01T00:00:00Z\",\"formatVersion\":1,\"extra\":{\"a\":[1]}}",
                "{\"datasets\":[]}",
                "{\"datasets\":null,\"lineage\":null,\"versions\":null,\"createdAt\":null,\"producer\":null}",
                "{\"datasets\":{\"a\":{\"id\":\"pg:a\"}},\"lineage\":{\"x\":" + e + "},\"versions\":[\"x\"]}",
                "{\"datasets\":[null]}",
                "{\"datasets\":[\"x\",1]}",
                "{\"datasets\":{\"a\":1,\"b\":{\"id\":\"pg:b\"}}}",
                "{\"datasets\":[],\"lineage\":[1]}",
                "{\"datasets\":[],\"lineage\":[{\"upstream\":\"pg:a\",\"downstream\":\"pg:b\",\"columns\":[1,\"c\"]}]}",
                "{\"datasets\":[],\"lineage\":[{\"upstream\":\"pg:a\",\"downstream\":\"pg:b\",\"columns\":{\"k\":{\"downstream\":\"d\"}}}]}",
                "{\"datasets\":[],\"versions\":{\"v\":{\"dataset\":\"pg:t\",\"cloudVersion\":\"1\",\"timestamp\":\"2026-01-01T00:00:00Z\"}}}",
                "{\"datasets\":[],\"versions\":[[]]}",
                "{\"datasets\":[],\"lineage\":[{\"upstream\":\"pg:a\",\"downstream\":\"pg:b\",\"confidence\":\"0.5\"},"
                        + "{\"upstream\":\"pg:a\",\"downstream\":\"pg:c\",\"confidence\":null},"
                        + "{\"upstream\":\"pg:a\",\"downstream\":\"pg:d\",\"confidence\":99999999999999999999}]}",
                "{\"datasets\":[],\"producer\":7,\"formatVersion\":\"1\"}",
                // format checks whatever the key order
                "{\"datasets\":[{\"id\":\"pg:t\"}],\"formatVersion\":2}",
                "{\"datasets\":[{\"id\":\"bad urn\"}],\"formatVersion\":2}",
                "{\"datasets\":[{\"id\":\"pg:t\"}],\"formatVersion\":null}",
                "{\"datasets\":[{\"id\":\"pg:t\"}],\"formatVersion\":{\"x\":1}}",
                // errors in several sections: the tree reported datasets, then lineage, then versions, then createdAt
                "{\"createdAt\":\"bad\",\"versions\":[{\"dataset\":\"\"}],\"lineage\":[{\"upstream\":\"x\"}],"
                        + "\"datasets\":[{\"id\":\"pg:t\"},{\"id\":\"bad\",\"fields\":[{\"name\":\"a\",\"type\":\"<\"}]},"
                        + "{\"id\":\"also bad\"}]}",
                "{\"createdAt\":\"bad\",\"versions\":[{\"dataset\":\"\"}],\"lineage\":[{\"upstream\":\"x\"}],\"datasets\":[]}",
                "{\"createdAt\":\"bad\",\"versions\":[{\"dataset\":\"pg:t\",\"timestamp\":\"x\"}],\"datasets\":[]}",
                "{\"createdAt\":\"bad\",\"datasets\":[]}",
                "{\"lineage\":[{\"upstream\":\"pg:a\",\"downstream\":\"pg:b\",\"columns\":[{\"upstream\":[]}]}],"
                        + "\"datasets\":[]}",
                // a conversion error, then a syntax error later: the syntax error wins, as before
                "{\"datasets\":[{\"id\":\"bad\"}],\"lineage\":[{]}",
                "{\"datasets\":[{\"id\":\"bad\"}],\"formatVersion\":3,\"x\":",
                "{\"x\":1}",
                "{\"datasets\":[",
                "[{\"datasets\":[]}]",
                "[1,",
                "\"text\"",
                "",
                "{\"datasets\":[]} {\"more\":");
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void snapshotsMatchTheTreeReader(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Object tree = outcome(() -> TreeSnapshotReader.readSnapshot(new ByteArrayInputStream(bytes), "s.json"));
        Object stream = outcome(() -> ModelJson.readSnapshot(new ByteArrayInputStream(bytes), "s.json"));
        assertThat(stream).isEqualTo(tree);
    }

    @Test
    void generatedSnapshotMatchesTheTreeReader() throws Exception {
        CatalogSnapshot s = SnapshotReadBench.generate(30, 12);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ModelJson.writeSnapshot(out, s);
        byte[] bytes = out.toByteArray();
        CatalogSnapshot tree = TreeSnapshotReader.readSnapshot(new ByteArrayInputStream(bytes), "g.json");
        CatalogSnapshot stream = ModelJson.readSnapshot(new ByteArrayInputStream(bytes), "g.json");
        assertThat(stream).isEqualTo(tree).isEqualTo(s);
        assertThat(stream.datasets()).hasSize(30);
        // Lineage and versions share the datasets' parsed ids.
        Dataset second = stream.datasets().get(1);
        assertThat(stream.lineage().stream().anyMatch(e -> e.downstream() == second.id()))
                .isTrue();
    }

    @Test
    void sharesParsedTypesAcrossFields() {
        CatalogSnapshot s = SnapshotReadBench.generate(2, 12);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            ModelJson.writeSnapshot(out, s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        CatalogSnapshot back = ModelJson.readSnapshot(new ByteArrayInputStream(out.toByteArray()), "g.json");
        assertThat(back.datasets().get(0).fields().get(0).type())
                .isSameAs(back.datasets().get(1).fields().get(0).type());
    }

    /** The record read, or the exception's class and message. */
    private static Object outcome(java.util.function.Supplier<Object> read) {
        Throwable t = catchThrowable(read::get);
        return t == null ? read.get() : t.getClass().getName() + ": " + t.getMessage();
    }
}
