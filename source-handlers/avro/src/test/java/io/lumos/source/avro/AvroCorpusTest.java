package io.lumos.source.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.domain.Field;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import io.lumos.spi.testing.SharedCorpora;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conformance on the shared Avro corpus (container files from Java, C, JavaScript and Python writers,
 * and .avsc files): every file is read or rejected in one line, and what Avro Java (the oracle)
 * accepts agrees with it in names, order, meaning of types, nullability and rows.
 */
class AvroCorpusTest {
    private static final AvroFormatReader AVRO = new AvroFormatReader();
    private static final AvscFormatReader AVSC = new AvscFormatReader();

    /** Files where our row count differs from the oracle's decoded count on purpose. */
    static final Map<String, String> ROW_DISAGREEMENTS = Map.of(
            "avro/apache-avro/avro-1237-bad-union-discriminant.avro",
            "the block header says 2 records; decoding fails on the second (union index out of range): we count"
                    + " what the blocks declare without decoding",
            "avro/apache-avro/person-10.no-codec.avro",
            "10 records in complete blocks, then one stray byte: the oracle decodes 10 and fails on EOF, we count 10"
                    + " and report trailing_bytes=1");

    static FileFormatReader readerFor(Path p) {
        return p.toString().endsWith(".avsc") ? AVSC : AVRO;
    }

    static FileSchema read(Path p) throws IOException {
        try (FileSeekableInput in = new FileSeekableInput(p)) {
            return readerFor(p).read(in, FileReadOptions.DEFAULT);
        }
    }

    static List<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.walk(SharedCorpora.corpora().resolve("avro"))) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(avro|avro12|avsc)$"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyFileIsReadOrRejectedInOneLineWithinBounds() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<String> rejected = new ArrayList<>();
        List<Path> files = corpus();
        assertThat(files).hasSizeGreaterThanOrEqualTo(60);
        for (Path file : files) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                long before = threads.getCurrentThreadAllocatedBytes();
                try {
                    read(file);
                } catch (LumosException e) {
                    assertThat(e.getMessage()).doesNotContain("\n").startsWith(file + ": ");
                    rejected.add(SharedCorpora.corpora().relativize(file).toString());
                }
                assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(256L << 20);
            });
        }
        // exactly what the oracle rejects: the Avro 1.2 file and the six invalid schemas
        assertThat(rejected).hasSize(7).contains("avro/apache-avro/test.avro12");
        assertThat(rejected.stream().filter(r -> r.startsWith("avro/schemas-invalid/")))
                .hasSize(6);
    }

    @Test
    void agreesWithAvroJava() throws IOException {
        Path corpora = SharedCorpora.corpora();
        ObjectMapper json = new ObjectMapper();
        List<String> unexplained = new ArrayList<>();
        Map<String, String> seen = new TreeMap<>();
        int compared = 0;
        for (String line : Files.readAllLines(corpora.resolve("ORACLE-duckdb.jsonl"))) {
            JsonNode o = json.readTree(line);
            String format = o.path("format").asText();
            if (!format.equals("avro") && !format.equals("avsc")) {
                continue;
            }
            String rel = o.get("file").asText();
            FileSchema ours;
            try {
                ours = read(corpora.resolve(rel));
            } catch (LumosException e) {
                if (!o.has("error")) {
                    unexplained.add(rel + ": the oracle reads it, we reject it: " + e.getMessage());
                }
                continue;
            }
            if (o.has("error")) {
                unexplained.add(
                        rel + ": the oracle rejects it (" + o.get("error").asText() + "), we read it");
                continue;
            }
            compared++;
            if (format.equals("avro")) {
                Long oracleRows = o.get("rows").isNull() ? null : o.get("rows").asLong();
                Long rowsBeforeError =
                        o.has("rows_before_error") ? o.get("rows_before_error").asLong() : null;
                if (!ours.rowCount().equals(oracleRows)) {
                    if (ROW_DISAGREEMENTS.containsKey(rel)) {
                        seen.put(rel, ROW_DISAGREEMENTS.get(rel));
                        assertThat(ours.rowCount()).isGreaterThanOrEqualTo(rowsBeforeError);
                    } else {
                        unexplained.add(rel + ": rows " + ours.rowCount() + " vs oracle " + oracleRows);
                    }
                }
                String codec = o.get("codec").isNull() ? "null" : o.get("codec").asText();
                assertThat(ours.properties().get("codec"))
                        .as("codec of %s", rel)
                        .isEqualTo(codec);
            } else {
                assertThat(ours.rowCount()).isNull();
            }
            JsonNode columns = o.get("columns");
            if (columns.size() != ours.fields().size()) {
                unexplained.add(rel + ": " + ours.fields().size() + " fields vs oracle " + columns.size());
                continue;
            }
            for (int i = 0; i < columns.size(); i++) {
                JsonNode c = columns.get(i);
                Field f = ours.fields().get(i);
                String expectedName = c.get("name").isNull()
                        ? AvroSchemaConverter.VALUE_FIELD
                        : c.get("name").asText();
                String where = rel + " field " + i + " '" + f.name() + "'";
                if (!f.name().equals(expectedName)) {
                    unexplained.add(where + ": name vs oracle '" + expectedName + "'");
                }
                OracleAvroTypes.Meaning m = OracleAvroTypes.parse(c.get("type").asText());
                if (!f.type().equals(m.type())) {
                    unexplained.add(where + ": " + f.type().print() + " vs oracle "
                            + c.get("type").asText());
                }
                if (f.nullable() != c.get("nullable").asBoolean() || f.nullable() != m.nullable()) {
                    unexplained.add(where + ": nullable " + f.nullable() + " vs oracle " + c.get("nullable"));
                }
            }
        }
        assertThat(unexplained)
                .as("disagreements with Avro Java that no entry explains")
                .isEmpty();
        assertThat(seen).isEqualTo(ROW_DISAGREEMENTS);
        assertThat(compared).isGreaterThanOrEqualTo(50);
    }
}
