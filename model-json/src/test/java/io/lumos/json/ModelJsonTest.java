package io.lumos.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.domain.Statistics;
import io.lumos.spi.LumosException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelJsonTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    static Dataset dataset() {
        return Dataset.builder(DatasetId.of("postgres", "shop.public.orders"))
                .description("orders")
                .subtype("view")
                .fields(List.of(
                        Field.builder("id", DataTypes.parse("int64"))
                                .nullable(false)
                                .primaryKey(true)
                                .identity("attnum:1")
                                .nativeType("bigint")
                                .build(),
                        Field.builder("customer", DataTypes.parse("struct<id:int64,tags:array<string>>"))
                                .description("who")
                                .tags(List.of("pii"))
                                .properties(Map.of("presence", "0.5"))
                                .build(),
                        Field.builder("dt", DataTypes.parse("date"))
                                .partitionKey(true)
                                .defaultValue("now()")
                                .build()))
                .tags(List.of("core"))
                .glossaryTerms(List.of("Order"))
                .owners(List.of(new Owner("alice", null), new Owner("group:sales", "Custom Steward")))
                .domain("sales")
                .status(DatasetStatus.DEPRECATED)
                .properties(Map.of("b", "2", "a", "1"))
                .statistics(new Statistics(10L, 2048L, T))
                .location("jdbc:postgresql://db/shop")
                .version(new DatasetVersion(
                        "S-3", SemVer.parse("1.2.0"), T, "ci", ChangeType.SCHEMA_CHANGE, "x", "S-2", "fp"))
                .build();
    }

    @Test
    void datasetsRoundTripExactly() {
        Dataset d = dataset();
        String json = ModelJson.toJson(d);
        assertThat(ModelJson.readDataset(json)).isEqualTo(d);
        assertThat(json)
                .startsWith("{\"id\":\"urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD)\"");
        assertThat(json.indexOf("\"a\"")).isLessThan(json.indexOf("\"b\""));
    }

    @Test
    void snapshotsRoundTripAndAreByteStable() throws Exception {
        LineageEdge e = new LineageEdge(
                DatasetId.of("pg", "a"),
                DatasetId.of("csv", "b"),
                LineageType.VIEW,
                0.5,
                T,
                "me",
                List.of(
                        new ColumnMapping(List.of("x", "y"), "z", "x+y"),
                        new ColumnMapping(List.of("k"), "z", "ON a.k = b.k", "INDIRECT", "JOIN")));
        CatalogSnapshot s = new CatalogSnapshot(
                1,
                T,
                "lumos",
                List.of(dataset()),
                List.of(e),
                Map.of(dataset().id(), List.of(dataset().version())));
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ModelJson.writeSnapshot(a, s);
        CatalogSnapshot back = ModelJson.readSnapshot(new ByteArrayInputStream(a.toByteArray()), "a.json");
        assertThat(back).isEqualTo(s);
        assertThat(back.lineage().get(0).columns().get(1).transformationSubtype())
                .isEqualTo("JOIN");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ModelJson.writeSnapshot(b, back);
        assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo(a.toString(StandardCharsets.UTF_8));
    }

    @Test
    void notASnapshotSaysSo() {
        assertThatThrownBy(() -> ModelJson.readSnapshot(new ByteArrayInputStream("{\"x\":1}".getBytes()), "x.json"))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("x.json: not a Lumos snapshot");
        assertThatThrownBy(
                        () -> ModelJson.readSnapshot(new ByteArrayInputStream("{\"datasets\":[".getBytes()), "y.json"))
                .hasMessageContaining("y.json: not a JSON snapshot");
        assertThatThrownBy(() -> ModelJson.readSnapshot(
                        new ByteArrayInputStream("{\"formatVersion\":9,\"datasets\":[]}".getBytes()), "z.json"))
                .hasMessageContaining("upgrade Lumos");
    }

    /** The committed sample snapshots, written by `lumos snapshot export`, read and written back byte for byte. */
    @Test
    void committedSnapshotsRoundTripByteForByte() throws Exception {
        java.nio.file.Path samples = java.nio.file.Path.of("../config-samples/ci/snapshots");
        List<java.nio.file.Path> files;
        try (var list = java.nio.file.Files.list(samples)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        for (java.nio.file.Path f : files) {
            byte[] bytes = java.nio.file.Files.readAllBytes(f);
            CatalogSnapshot read = ModelJson.readSnapshot(new ByteArrayInputStream(bytes), f.toString());
            assertThat(read.datasets()).isNotEmpty();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelJson.writeSnapshot(out, read);
            assertThat(out.toByteArray()).as(f.toString()).isEqualTo(bytes);
        }
    }
}
