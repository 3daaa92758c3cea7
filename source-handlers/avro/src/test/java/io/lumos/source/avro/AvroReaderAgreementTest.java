package io.lumos.source.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.DatasetDiff;
import io.lumos.domain.diff.SchemaDiff;
import io.lumos.spi.file.ByteArraySeekableInput;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Our BACKWARD/FORWARD verdicts on schemas read by the real reader (as {@code lumos diff a.avsc
 * b.avsc} reads them) against {@code org.apache.avro.SchemaCompatibility}: the name resolution
 * cases (field aliases, named-type renames and aliases, namespaces, enum defaults) that core-domain's
 * {@code AvroAgreementTest} checks on hand-built datasets. BACKWARD = Avro {@code check(new, old)}.
 */
class AvroReaderAgreementTest {
    /** Field types, each ordered pair compared inside a record. Logical types are left out (Avro's blind spots). */
    static final List<String> TYPES = List.of(
            "\"int\"",
            "\"long\"",
            "\"string\"",
            "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}",
            "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"]}",
            "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"A\"}",
            "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"],\"default\":\"A\"}",
            "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"],\"default\":\"B\"}",
            "{\"type\":\"enum\",\"name\":\"E2\",\"symbols\":[\"A\",\"B\"]}",
            "{\"type\":\"enum\",\"name\":\"E2\",\"aliases\":[\"E\"],\"symbols\":[\"A\",\"B\"]}",
            "{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"ns\",\"symbols\":[\"A\",\"B\"]}",
            "{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}",
            "{\"type\":\"fixed\",\"name\":\"F2\",\"size\":4}",
            "{\"type\":\"fixed\",\"name\":\"F2\",\"aliases\":[\"F\"],\"size\":4}",
            "{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"In2\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"In2\",\"aliases\":[\"In\"],\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"y\",\"aliases\":[\"x\"],\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"aliases\":[\"y\"],\"type\":\"int\"}]}",
            "{\"type\":\"array\",\"items\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}}",
            "{\"type\":\"array\",\"items\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"A\"}}",
            "{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"In\",\"fields\":"
                    + "[{\"name\":\"x\",\"type\":\"int\"}]}}",
            "{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"In\",\"fields\":"
                    + "[{\"name\":\"z\",\"aliases\":[\"x\"],\"type\":\"int\"}]}}",
            "{\"type\":\"map\",\"values\":{\"type\":\"record\",\"name\":\"In2\",\"aliases\":[\"In\"],\"fields\":"
                    + "[{\"name\":\"x\",\"type\":\"int\"}]}}",
            "{\"type\":\"map\",\"values\":{\"type\":\"record\",\"name\":\"In\",\"fields\":"
                    + "[{\"name\":\"x\",\"type\":\"int\"}]}}",
            "[\"null\",{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}]",
            "[\"null\",{\"type\":\"record\",\"name\":\"In2\",\"aliases\":[\"In\"],\"fields\":"
                    + "[{\"name\":\"x\",\"type\":\"int\"}]}]");

    /** Whole records: renamed fields with and without aliases, renamed records, namespaces. */
    static final List<String> RECORDS = List.of(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"renamed\",\"aliases\":[\"a\"],"
                    + "\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"renamed\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"aliases\":[\"renamed\"],"
                    + "\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"renamed\",\"aliases\":[\"a\"],"
                    + "\"type\":\"long\"},{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"renamed\",\"aliases\":[\"a\"],"
                    + "\"type\":\"int\",\"default\":0},{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":[\"null\",\"string\"]}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null},"
                    + "{\"name\":\"c\",\"type\":[\"null\",\"string\"]}]}",
            "{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"S\",\"aliases\":[\"R\"],\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x.y\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":\"string\"}]}");

    static Dataset read(String json) throws IOException {
        FileSchema s = new AvscFormatReader()
                .read(
                        new ByteArraySeekableInput("mem://s.avsc", json.getBytes(StandardCharsets.UTF_8)),
                        FileReadOptions.DEFAULT);
        // As the files source builds it for `lumos diff a.avsc b.avsc`: platform "file", the reader's properties.
        return Dataset.builder(DatasetId.of("file", "subject"))
                .fields(s.fields())
                .properties(s.properties())
                .build();
    }

    static boolean avro(String reader, String writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(
                                new Schema.Parser().parse(reader), new Schema.Parser().parse(writer))
                        .getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    static List<String> compare(String old, String neu) throws IOException {
        DatasetDiff d = SchemaDiff.diff(read(old), read(neu), CompatibilityMode.BACKWARD);
        List<String> out = new ArrayList<>();
        boolean avroB = avro(neu, old);
        boolean avroF = avro(old, neu);
        if (d.backwardCompatible() != avroB) {
            out.add("BACKWARD ours=" + d.backwardCompatible() + " avro=" + avroB + " " + old + " -> " + neu + " "
                    + d.findings());
        }
        if (d.forwardCompatible() != avroF) {
            out.add("FORWARD ours=" + d.forwardCompatible() + " avro=" + avroF + " " + old + " -> " + neu + " "
                    + d.findings());
        }
        return out;
    }

    static String wrap(String type) {
        return "{\"type\":\"record\",\"name\":\"W\",\"fields\":[{\"name\":\"f\",\"type\":" + type + "}]}";
    }

    @Test
    void everyOrderedPairOfNamedTypesAgrees() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (String a : TYPES) {
            for (String b : TYPES) {
                disagreements.addAll(compare(wrap(a), wrap(b)));
            }
        }
        assertThat(disagreements).as("%d disagreements", disagreements.size()).isEmpty();
    }

    @Test
    void everyOrderedPairOfRecordsAgrees() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (String a : RECORDS) {
            for (String b : RECORDS) {
                disagreements.addAll(compare(a, b));
            }
        }
        assertThat(disagreements).as("%d disagreements", disagreements.size()).isEmpty();
    }

    @Test
    void aFieldRenamedWithTheOldNameAsAliasIsNoRemoval() throws IOException {
        DatasetDiff d = SchemaDiff.diff(read(RECORDS.get(0)), read(RECORDS.get(1)), CompatibilityMode.BACKWARD);
        assertThat(d.findings()).extracting(f -> f.ruleId()).containsExactly("FIELD_RENAMED");
        assertThat(d.backwardCompatible()).isTrue();
        // without the alias a BACKWARD reader cannot find the old data
        DatasetDiff bare = SchemaDiff.diff(read(RECORDS.get(0)), read(RECORDS.get(2)), CompatibilityMode.BACKWARD);
        assertThat(bare.backwardCompatible()).isFalse();
    }

    /** Logical types carried by a fixed, their renamed, resized and bytes/string forms. */
    static final List<String> FIXED_BACKED = List.of(
            "{\"type\":\"fixed\",\"name\":\"M\",\"size\":8,\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}",
            "{\"type\":\"fixed\",\"name\":\"M\",\"size\":16,\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}",
            "{\"type\":\"fixed\",\"name\":\"C\",\"size\":8,\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}",
            "{\"type\":\"fixed\",\"name\":\"C\",\"aliases\":[\"M\"],\"size\":8,\"logicalType\":\"decimal\","
                    + "\"precision\":10,\"scale\":2}",
            "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}",
            "{\"type\":\"fixed\",\"name\":\"U\",\"size\":16,\"logicalType\":\"uuid\"}",
            "{\"type\":\"fixed\",\"name\":\"V\",\"size\":16,\"logicalType\":\"uuid\"}",
            "{\"type\":\"string\",\"logicalType\":\"uuid\"}",
            "{\"type\":\"fixed\",\"name\":\"D\",\"size\":12,\"logicalType\":\"duration\"}",
            "{\"type\":\"fixed\",\"name\":\"E\",\"size\":12,\"logicalType\":\"duration\"}",
            "[\"null\",{\"type\":\"fixed\",\"name\":\"M\",\"size\":16,\"logicalType\":\"decimal\","
                    + "\"precision\":10,\"scale\":2}]");

    /**
     * As Avro resolves them: the fixed first (name or alias, size), then the logical type. Where
     * the logical types are the same our verdict is Avro's both ways; where they differ, Avro's
     * "incompatible" is ours too (it cannot see a logical type change, so we may be stricter).
     */
    @Test
    void fixedBackedLogicalTypesAgree() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (String a : FIXED_BACKED) {
            for (String b : FIXED_BACKED) {
                Dataset o = read(wrap(a));
                Dataset n = read(wrap(b));
                DatasetDiff d = SchemaDiff.diff(o, n, CompatibilityMode.BACKWARD);
                boolean same = o.fields().get(0).type().equals(n.fields().get(0).type());
                boolean avroB = avro(wrap(b), wrap(a));
                boolean avroF = avro(wrap(a), wrap(b));
                if (avroB != d.backwardCompatible() && (same || !avroB)) {
                    disagreements.add("BACKWARD ours=" + d.backwardCompatible() + " avro=" + avroB + " " + a + " -> "
                            + b + " " + d.findings());
                }
                if (avroF != d.forwardCompatible() && (same || !avroF)) {
                    disagreements.add("FORWARD ours=" + d.forwardCompatible() + " avro=" + avroF + " " + a + " -> " + b
                            + " " + d.findings());
                }
            }
        }
        assertThat(disagreements).as("%d disagreements", disagreements.size()).isEmpty();
    }
}
