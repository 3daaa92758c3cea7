package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumos diff old.avsc new.avsc} end to end, through the files source and the Avro reader:
 * field aliases, named-type aliases and enum defaults decide the verdict as Avro's own
 * {@code SchemaCompatibility} does (BACKWARD = a reader on the new schema reads the old data).
 */
class AvroSchemaDiffTest extends DiffGateSupport {
    @TempDir
    Path dir;

    private Result diff(String old, String neu, String... extra) throws Exception {
        Files.writeString(dir.resolve("old.avsc"), old);
        Files.writeString(dir.resolve("new.avsc"), neu);
        String[] args = {"diff", "old.avsc", "new.avsc", "--fail-on", "breaking"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return runAt(dir, Map.of(), all);
    }

    private static boolean avroBackward(String old, String neu) {
        return SchemaCompatibility.checkReaderWriterCompatibility(
                                new Schema.Parser().parse(neu), new Schema.Parser().parse(old))
                        .getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    private static String record(String name, String aliases, String fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"shop\"" + aliases + ",\"fields\":["
                + fields + "]}";
    }

    private static final String ID = "{\"name\":\"id\",\"type\":\"long\"}";

    /**
     * With the old name as alias the change is one rename that Avro's BACKWARD check accepts, not a
     * removal. It still counts BREAKING: consumers that address the column by name (SQL, dataframes)
     * break, the classification's row 6 policy; Avro's verdict is in {@code backwardCompatible}.
     */
    @Test
    void aFieldRenamedWithTheOldNameAsAliasIsARenameAvroAccepts() throws Exception {
        String old = record("Order", "", ID + ",{\"name\":\"amount\",\"type\":\"int\"}");
        String aliased =
                record("Order", "", ID + ",{\"name\":\"amount_cents\",\"aliases\":[\"amount\"],\"type\":\"int\"}");
        String bare = record("Order", "", ID + ",{\"name\":\"amount_cents\",\"type\":\"int\"}");
        assertThat(avroBackward(old, aliased)).isTrue();
        assertThat(avroBackward(old, bare)).isFalse();

        Result r = diff(old, aliased, "-f", "json");
        assertThat(r.out())
                .contains("\"ruleId\" : \"FIELD_RENAMED\"")
                .containsPattern("\"ruleId\" : \"FIELD_RENAMED\",\\s+\"severity\" : \"BREAKING\",\\s+"
                        + "\"backwardCompatible\" : true,")
                .doesNotContain("FIELD_REMOVED")
                .doesNotContain("FIELD_ADDED");

        Result without = diff(old, bare, "-f", "json");
        assertThat(without.out())
                .containsPattern("\"ruleId\" : \"FIELD_REMOVED\",\\s+\"severity\" : \"BREAKING\"")
                .containsPattern("\"ruleId\" : \"FIELD_ADDED_REQUIRED\",\\s+\"severity\" : \"BREAKING\",\\s+"
                        + "\"backwardCompatible\" : false,")
                .doesNotContain("FIELD_RENAMED");
    }

    @Test
    void anEnumSymbolRemovedIsReadAsTheEnumDefault() throws Exception {
        String field = "{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":%s%s}}";
        String old = record("Order", "", ID + "," + field.formatted("[\"NEW\",\"PAID\",\"CANCELLED\"]", ""));
        String withDefault =
                record("Order", "", ID + "," + field.formatted("[\"NEW\",\"PAID\"]", ",\"default\":\"NEW\""));
        String noDefault = record("Order", "", ID + "," + field.formatted("[\"NEW\",\"PAID\"]", ""));
        // Avro: a reader whose enum lacks a written symbol falls back to its default, if it has one
        assertThat(avroBackward(old, withDefault)).isTrue();
        assertThat(avroBackward(old, noDefault)).isFalse();

        Result r = diff(old, withDefault);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ENUM_SYMBOL_REMOVED").contains("read as the default NEW");

        Result without = diff(old, noDefault);
        assertThat(without.code()).as(without.toString()).isEqualTo(1);
        assertThat(without.out()).contains(": BREAKING ENUM_SYMBOL_REMOVED");
    }

    @Test
    void aRecordRenamedWithTheOldNameAsAliasIsNotBreaking() throws Exception {
        String old = record("Order", "", ID);
        String aliased = record("PurchaseOrder", ",\"aliases\":[\"shop.Order\"]", ID);
        String bare = record("PurchaseOrder", "", ID);
        assertThat(avroBackward(old, aliased)).isTrue();
        assertThat(avroBackward(old, bare)).isFalse();

        Result r = diff(old, aliased);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("NAMED_TYPE_RENAMED").contains("lists the old name as alias");

        Result without = diff(old, bare);
        assertThat(without.code()).as(without.toString()).isEqualTo(1);
        assertThat(without.out()).contains(": BREAKING NAMED_TYPE_RENAMED");
    }

    @Test
    void anOptionalFieldWithoutADefaultIsNotOptionalForAvro() throws Exception {
        // Avro's rule, which applies because the reader marks the datasets format=avro
        String old = record("Order", "", ID);
        String neu = record("Order", "", ID + ",{\"name\":\"note\",\"type\":[\"null\",\"string\"]}");
        assertThat(avroBackward(old, neu)).isFalse();
        Result r = diff(old, neu);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        Result defaulted = diff(
                old, record("Order", "", ID + ",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}"));
        assertThat(defaulted.code()).as(defaulted.toString()).isZero();
    }
}
