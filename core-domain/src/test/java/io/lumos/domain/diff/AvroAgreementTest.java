package io.lumos.domain.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lumos.domain.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Our BACKWARD and FORWARD verdicts against {@code org.apache.avro.SchemaCompatibility} (research
 * schema-diff §1): equal on every structural case, stricter exactly on Avro's blind spots (logical
 * types). BACKWARD = a reader on the new schema reads the old data = Avro {@code check(new, old)};
 * FORWARD = Avro {@code check(old, new)}.
 */
class AvroAgreementTest {

    /** Type snippets in the spirit of Avro's TestSchemas; every ordered pair is compared. */
    static final List<String> TYPES = List.of(
            "\"boolean\"",
            "\"int\"",
            "\"long\"",
            "\"float\"",
            "\"double\"",
            "\"string\"",
            "\"bytes\"",
            "{\"type\":\"array\",\"items\":\"int\"}",
            "{\"type\":\"array\",\"items\":\"long\"}",
            "{\"type\":\"array\",\"items\":\"string\"}",
            "{\"type\":\"array\",\"items\":[\"int\",\"string\"]}",
            "{\"type\":\"map\",\"values\":\"int\"}",
            "{\"type\":\"map\",\"values\":\"long\"}",
            "{\"type\":\"map\",\"values\":\"string\"}",
            "{\"type\":\"map\",\"values\":{\"type\":\"array\",\"items\":\"float\"}}",
            "{\"type\":\"map\",\"values\":{\"type\":\"array\",\"items\":\"double\"}}",
            "{\"type\":\"enum\",\"name\":\"Enum1\",\"symbols\":[\"A\",\"B\"]}",
            "{\"type\":\"enum\",\"name\":\"Enum1\",\"symbols\":[\"A\",\"B\",\"C\"]}",
            "{\"type\":\"enum\",\"name\":\"Enum1\",\"symbols\":[\"B\",\"C\"]}",
            "{\"type\":\"enum\",\"name\":\"Enum1\",\"symbols\":[\"B\",\"A\"]}",
            "{\"type\":\"enum\",\"name\":\"Enum1\",\"symbols\":[\"A\",\"B\",\"D\"],\"default\":\"A\"}",
            "{\"type\":\"enum\",\"name\":\"Enum2\",\"symbols\":[\"A\",\"B\"]}",
            "{\"type\":\"fixed\",\"name\":\"Fixed\",\"size\":4}",
            "{\"type\":\"fixed\",\"name\":\"Fixed\",\"size\":8}",
            "{\"type\":\"fixed\",\"name\":\"Fixed2\",\"size\":4}",
            "[\"int\"]",
            "[\"long\"]",
            "[\"float\"]",
            "[\"double\"]",
            "[\"string\"]",
            "[\"bytes\"]",
            "[\"int\",\"string\"]",
            "[\"string\",\"int\"]",
            "[\"int\",\"float\"]",
            "[\"int\",\"long\"]",
            "[\"int\",\"string\",\"long\"]",
            "[\"int\",\"long\",\"float\",\"double\"]",
            "[\"null\",\"int\"]",
            "[\"null\",\"long\"]",
            "[\"null\",\"string\"]",
            "[\"null\",\"int\",\"string\"]",
            "[\"null\",{\"type\":\"array\",\"items\":\"int\"}]",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":0}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":0},"
                    + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"b\",\"type\":[\"null\",\"string\"]}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"b\",\"type\":[\"null\",\"string\"],"
                    + "\"default\":null}]}",
            "{\"type\":\"record\",\"name\":\"Rec2\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"aliases\":[\"Rec2\"],\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"c\",\"aliases\":[\"a\"],\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"in\",\"type\":{\"type\":\"record\","
                    + "\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"in\",\"type\":{\"type\":\"record\","
                    + "\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"},{\"name\":\"y\",\"type\":\"string\","
                    + "\"default\":\"\"}]}}]}",
            "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"in\",\"type\":{\"type\":\"array\",\"items\":"
                    + "{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}}}]}",
            "{\"type\":\"record\",\"name\":\"IntList\",\"fields\":[{\"name\":\"head\",\"type\":\"int\"},"
                    + "{\"name\":\"tail\",\"type\":[\"null\",\"IntList\"],\"default\":null}]}",
            "{\"type\":\"record\",\"name\":\"IntList\",\"fields\":[{\"name\":\"head\",\"type\":\"long\"},"
                    + "{\"name\":\"tail\",\"type\":[\"null\",\"IntList\"],\"default\":null}]}");

    /**
     * Avro's blind spots (research §1, verified L01-L09): Avro says COMPATIBLE both ways, we must say
     * incompatible in at least one direction. Each entry: old type, new type.
     */
    static final List<String[]> BLIND_SPOTS = List.of(
            pair(decimal("bytes", 10, 2), decimal("bytes", 10, 4)),
            pair(decimal("bytes", 12, 2), decimal("bytes", 10, 2)),
            pair(logical("long", "timestamp-millis"), logical("long", "timestamp-micros")),
            pair(logical("long", "timestamp-micros"), logical("long", "timestamp-nanos")),
            pair(logical("long", "timestamp-millis"), logical("long", "local-timestamp-millis")),
            pair(logical("long", "local-timestamp-micros"), logical("long", "timestamp-micros")),
            pair(logical("long", "time-micros"), logical("long", "timestamp-micros")),
            pair(logical("int", "date"), "\"int\""),
            pair(
                    "[\"null\"," + logical("long", "timestamp-millis") + "]",
                    "[\"null\"," + logical("long", "timestamp-micros") + "]"),
            pair(
                    "{\"type\":\"array\",\"items\":" + decimal("bytes", 9, 2) + "}",
                    "{\"type\":\"array\",\"items\":" + decimal("bytes", 9, 3) + "}"));

    static String[] pair(String a, String b) {
        return new String[] {a, b};
    }

    static String decimal(String base, int p, int s) {
        return "{\"type\":\"" + base + "\",\"logicalType\":\"decimal\",\"precision\":" + p + ",\"scale\":" + s + "}";
    }

    static String logical(String base, String name) {
        return "{\"type\":\"" + base + "\",\"logicalType\":\"" + name + "\"}";
    }

    static Schema wrap(String type) {
        return new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"W\",\"fields\":[{\"name\":\"f\",\"type\":" + type + "}]}");
    }

    static boolean avro(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                        .getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    /** Returns a description of each disagreement for old -> new. */
    static List<String> compare(Schema old, Schema neu) {
        Dataset o = AvroToDataset.convert(old);
        Dataset n = AvroToDataset.convert(neu);
        DatasetDiff d = SchemaDiff.diff(o, n, CompatibilityMode.BACKWARD);
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

    @Test
    void everyOrderedPairOfStructuralTypesAgrees() {
        List<String> disagreements = new ArrayList<>();
        int pairs = 0;
        for (String a : TYPES) {
            for (String b : TYPES) {
                disagreements.addAll(compare(wrap(a), wrap(b)));
                pairs++;
            }
        }
        assertThat(pairs).isGreaterThan(3000);
        assertThat(disagreements).as("%d disagreements", disagreements.size()).isEmpty();
    }

    @Test
    void recordLevelPairsAgree() {
        String[] records = {
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield1\",\"type\":\"int\"},"
                    + "{\"name\":\"oldfield2\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield1\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield2\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield1\",\"type\":\"int\"},"
                    + "{\"name\":\"newfield1\",\"type\":\"int\",\"default\":42}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield1\",\"type\":\"int\"},"
                    + "{\"name\":\"newfield1\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield2\",\"type\":\"string\"},"
                    + "{\"name\":\"oldfield1\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"renamed\",\"aliases\":[\"oldfield1\"],"
                    + "\"type\":\"int\"},{\"name\":\"oldfield2\",\"type\":\"string\"}]}",
            // the old name lists the new one as alias as well (renamed back and forth): both readers resolve it
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield1\",\"aliases\":[\"renamed\"],"
                    + "\"type\":\"int\"},{\"name\":\"oldfield2\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"oldfield1\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"S\",\"aliases\":[\"R\"],\"fields\":[{\"name\":\"oldfield1\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x.y\",\"fields\":[{\"name\":\"oldfield1\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield1\",\"type\":[\"null\",\"int\"],"
                    + "\"default\":null},{\"name\":\"oldfield2\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"oldfield1\",\"type\":\"long\"},"
                    + "{\"name\":\"oldfield2\",\"type\":\"bytes\"}]}",
        };
        List<String> disagreements = new ArrayList<>();
        for (String a : records) {
            for (String b : records) {
                disagreements.addAll(compare(new Schema.Parser().parse(a), new Schema.Parser().parse(b)));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void blindSpotsAreCaughtWhereAvroSaysCompatible() {
        for (String[] p : BLIND_SPOTS) {
            Schema o = wrap(p[0]);
            Schema n = wrap(p[1]);
            assertThat(avro(n, o) && avro(o, n))
                    .as("Avro misses %s -> %s", p[0], p[1])
                    .isTrue();
            DatasetDiff d = SchemaDiff.diff(AvroToDataset.convert(o), AvroToDataset.convert(n));
            assertThat(d.backwardCompatible() && d.forwardCompatible())
                    .as("we catch %s -> %s: %s", p[0], p[1], d.findings())
                    .isFalse();
            assertThat(d.compatible())
                    .as("BREAKING under BACKWARD: %s", d.findings())
                    .isFalse();
        }
    }

    @Test
    void logicalTypesThatDoNotChangeStayCompatible() {
        for (String t : List.of(decimal("bytes", 10, 2), logical("long", "timestamp-micros"), logical("int", "date"))) {
            DatasetDiff d = SchemaDiff.diff(AvroToDataset.convert(wrap(t)), AvroToDataset.convert(wrap(t)));
            assertThat(d.findings()).isEmpty();
        }
    }

    /** Logical types on a fixed (and their bytes and string forms), each a pair of old and new. */
    static final List<String> FIXED_BACKED = List.of(
            fixedDecimal("Money", 8, 10, 2),
            fixedDecimal("Money", 16, 10, 2),
            fixedDecimal("Cash", 8, 10, 2),
            fixedDecimal("Money", 8, 12, 2),
            fixedDecimal("Money", 8, 10, 3),
            "{\"type\":\"fixed\",\"name\":\"Money\",\"size\":8}",
            "{\"type\":\"fixed\",\"name\":\"Money\",\"namespace\":\"other\",\"size\":8,"
                    + "\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}",
            "{\"type\":\"fixed\",\"name\":\"Cash\",\"aliases\":[\"Money\"],\"size\":8,"
                    + "\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}",
            decimal("bytes", 10, 2),
            fixedLogical("Id", 16, "uuid"),
            fixedLogical("Id", 16, ""),
            fixedLogical("Key", 16, "uuid"),
            logical("string", "uuid"),
            fixedLogical("Span", 12, "duration"),
            fixedLogical("Span", 16, "duration"),
            fixedLogical("Period", 12, "duration"),
            "{\"type\":\"fixed\",\"name\":\"Span\",\"size\":12}");

    static String fixedDecimal(String name, int size, int p, int s) {
        return "{\"type\":\"fixed\",\"name\":\"" + name + "\",\"size\":" + size
                + ",\"logicalType\":\"decimal\",\"precision\":" + p + ",\"scale\":" + s + "}";
    }

    static String fixedLogical(String name, int size, String logical) {
        return "{\"type\":\"fixed\",\"name\":\"" + name + "\",\"size\":" + size
                + (logical.isEmpty() ? "" : ",\"logicalType\":\"" + logical + "\"") + "}";
    }

    /**
     * Avro first resolves the fixed (same name or an alias, same size), then the logical type's
     * rules apply: where Avro says incompatible, so do we; where Avro says compatible and both
     * sides have the same logical type, so do we. (Where the logical types differ we may be
     * stricter: Avro ignores them.)
     */
    @Test
    void fixedBackedLogicalTypesResolveTheFixedFirst() {
        List<String> disagreements = new ArrayList<>();
        for (String a : FIXED_BACKED) {
            for (String b : FIXED_BACKED) {
                Schema o = wrap(a);
                Schema n = wrap(b);
                Dataset od = AvroToDataset.convert(o);
                Dataset nd = AvroToDataset.convert(n);
                DatasetDiff d = SchemaDiff.diff(od, nd, CompatibilityMode.BACKWARD);
                boolean sameLogical =
                        od.fields().get(0).type().equals(nd.fields().get(0).type());
                boolean avroB = avro(n, o);
                boolean avroF = avro(o, n);
                if ((!avroB && d.backwardCompatible()) || (avroB && sameLogical && !d.backwardCompatible())) {
                    disagreements.add("BACKWARD ours=" + d.backwardCompatible() + " avro=" + avroB + " " + a + " -> "
                            + b + " " + d.findings());
                }
                if ((!avroF && d.forwardCompatible()) || (avroF && sameLogical && !d.forwardCompatible())) {
                    disagreements.add("FORWARD ours=" + d.forwardCompatible() + " avro=" + avroF + " " + a + " -> " + b
                            + " " + d.findings());
                }
            }
        }
        assertThat(disagreements).as("%d disagreements", disagreements.size()).isEmpty();
    }

    /** Mutations of the corpus schemas (Avro's own .avsc files): structural ones must agree. */
    @Test
    void corpusSchemasAndTheirMutationsAgree() throws IOException {
        Path dir = shared().resolve("corpora/avro/schemas");
        assumeTrue(Files.isDirectory(dir), "Avro corpus not found at " + dir + "; set -Dlumos.shared or LUMOS_SHARED");
        List<String> disagreements = new ArrayList<>();
        int pairs = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                Schema s;
                try {
                    s = new Schema.Parser().setValidateDefaults(false).parse(p.toFile());
                } catch (RuntimeException e) {
                    continue; // protocol-like files or schemas the plain parser rejects
                }
                if (s.getType() != Schema.Type.RECORD) {
                    continue;
                }
                List<Schema> mutations;
                try {
                    mutations = Mutations.of(s);
                } catch (org.apache.avro.AvroRuntimeException e) {
                    continue; // a corpus schema with an invalid default (reserved.avsc) cannot be copied
                }
                for (Schema m : mutations) {
                    disagreements.addAll(compare(s, m));
                    disagreements.addAll(compare(m, s));
                    pairs += 2;
                }
            }
        }
        assertThat(pairs).isGreaterThan(200);
        assertThat(disagreements)
                .as("%d of %d pairs disagree", disagreements.size(), pairs)
                .isEmpty();
    }

    static Path shared() {
        String prop = System.getProperty("lumos.shared");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop);
        }
        String env = System.getenv("LUMOS_SHARED");
        if (env != null && Files.isDirectory(Paths.get(env))) {
            return Paths.get(env);
        }
        return Paths.get("..", "..", "shared");
    }
}
