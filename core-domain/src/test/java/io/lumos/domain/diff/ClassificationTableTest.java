package io.lumos.domain.diff;

import static io.lumos.domain.diff.Fixtures.ORDERS;
import static io.lumos.domain.diff.Fixtures.ds;
import static io.lumos.domain.diff.Fixtures.flags;
import static io.lumos.domain.diff.Fixtures.one;
import static io.lumos.domain.diff.Fixtures.only;
import static io.lumos.domain.diff.Fixtures.opt;
import static io.lumos.domain.diff.Fixtures.req;
import static io.lumos.domain.diff.Fixtures.with;
import static io.lumos.domain.diff.Severity.BREAKING;
import static io.lumos.domain.diff.Severity.INFO;
import static io.lumos.domain.diff.Severity.NON_BREAKING;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.ChangeType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Research schema-diff §7, one test per row of the classification table (default mode BACKWARD). */
class ClassificationTableTest {

    private static DatasetDiff diff(Dataset o, Dataset n) {
        return SchemaDiff.diff(o, n);
    }

    @Test
    void row01_nullableFieldAdded() {
        Finding f = only(diff(ds(req("id", "int64")), ds(req("id", "int64"), opt("note", "string"))));
        assertThat(f.ruleId()).isEqualTo("FIELD_ADDED_NULLABLE");
        flags(f, NON_BREAKING, true, true);
        assertThat(f.path()).isEqualTo("note");
        assertThat(f.after()).isEqualTo("string");
        assertThat(f.before()).isNull();
    }

    @Test
    void row01_avroNullableWithoutDefaultIsNotOptional() {
        DatasetId avro = DatasetId.of("avro", "User");
        DatasetDiff d = SchemaDiff.diff(
                ds(avro, Map.of(), req("id", "int64")), ds(avro, Map.of(), req("id", "int64"), opt("note", "string")));
        flags(only(d), BREAKING, false, true);
        Field withDefault =
                opt("note", "string").toBuilder().defaultValue("null").build();
        d = SchemaDiff.diff(
                ds(avro, Map.of(), req("id", "int64")), ds(avro, Map.of(), req("id", "int64"), withDefault));
        flags(only(d), NON_BREAKING, true, true);
    }

    @Test
    void row02_requiredFieldWithDefaultAdded() {
        Field added = req("qty", "int32").toBuilder().defaultValue("1").build();
        Finding f = only(diff(ds(req("id", "int64")), ds(req("id", "int64"), added)));
        assertThat(f.ruleId()).isEqualTo("FIELD_ADDED_WITH_DEFAULT");
        flags(f, NON_BREAKING, true, true);
    }

    @Test
    void row03_requiredFieldWithoutDefaultAdded() {
        Finding f = only(diff(ds(req("id", "int64")), ds(req("id", "int64"), req("qty", "int32"))));
        assertThat(f.ruleId()).isEqualTo("FIELD_ADDED_REQUIRED");
        flags(f, BREAKING, false, true);
    }

    @Test
    void row04_optionalFieldRemoved() {
        Finding f = only(diff(ds(req("id", "int64"), opt("note", "string")), ds(req("id", "int64"))));
        assertThat(f.ruleId()).isEqualTo("FIELD_REMOVED");
        flags(f, BREAKING, true, true);
        assertThat(f.before()).isEqualTo("string");
        assertThat(f.after()).isNull();
    }

    @Test
    void row05_requiredFieldRemoved() {
        Finding f = only(diff(ds(req("id", "int64"), req("qty", "int32")), ds(req("id", "int64"))));
        assertThat(f.ruleId()).isEqualTo("FIELD_REMOVED");
        flags(f, BREAKING, true, false);
    }

    @Test
    void row06_renameWithIdentityIsOneFinding() {
        Field o = req("cust", "int64").toBuilder().identity("3").build();
        Field n = req("customer_id", "int64").toBuilder().identity("3").build();
        Finding f = only(diff(ds(req("id", "int64"), o), ds(req("id", "int64"), n)));
        assertThat(f.ruleId()).isEqualTo("FIELD_RENAMED");
        flags(f, BREAKING, true, false);
        assertThat(f.before()).isEqualTo("cust");
        assertThat(f.after()).isEqualTo("customer_id");
    }

    @Test
    void row06_renameByDeclaredRenamedFromAndByAlias() {
        Field n = with(req("customer_id", "int64"), SchemaDiff.RENAMED_FROM, "cust");
        assertThat(only(diff(ds(req("cust", "int64")), ds(n))).ruleId()).isEqualTo("FIELD_RENAMED");
        Field a = req("customer_id", "int64").toBuilder()
                .identity("aliases:cust,c")
                .build();
        assertThat(only(diff(ds(req("cust", "int64")), ds(a))).ruleId()).isEqualTo("FIELD_RENAMED");
    }

    @Test
    void row06_renameCarriesTypeChangesOfTheSameField() {
        Field o = req("cust", "int32").toBuilder().identity("3").build();
        Field n = req("customer_id", "int64").toBuilder().identity("3").build();
        DatasetDiff d = diff(ds(o), ds(n));
        one(d, Rule.FIELD_RENAMED);
        assertThat(one(d, Rule.TYPE_WIDENED).path()).isEqualTo("customer_id");
    }

    @Test
    void row07_heuristicRenameIsRemovePlusAddWithHint() {
        DatasetDiff d =
                diff(ds(req("id", "int64"), opt("cust", "int64")), ds(req("id", "int64"), opt("customer", "int64")));
        Finding removed = one(d, Rule.FIELD_REMOVED);
        Finding added = one(d, Rule.FIELD_ADDED_NULLABLE);
        assertThat(removed.severity()).isEqualTo(BREAKING);
        assertThat(removed.hint()).contains("probable rename of cust to customer");
        assertThat(added.hint()).isEqualTo(removed.hint());
        assertThat(d.bump()).isEqualTo(Bump.MAJOR);
    }

    @Test
    void row07_noHintWhenAmbiguousOrDifferentType() {
        DatasetDiff d = diff(ds(opt("a", "int64")), ds(opt("b", "string")));
        assertThat(one(d, Rule.FIELD_REMOVED).hint()).isNull();
    }

    @Test
    void row08_typeWidened() {
        Finding f = only(diff(ds(req("n", "int32")), ds(req("n", "int64"))));
        assertThat(f.ruleId()).isEqualTo("TYPE_WIDENED");
        flags(f, NON_BREAKING, true, false);
        assertThat(f.before()).isEqualTo("int32");
        assertThat(f.after()).isEqualTo("int64");
        flags(only(diff(ds(req("n", "float32")), ds(req("n", "float64")))), NON_BREAKING, true, false);
        Finding dec = only(diff(ds(req("n", "decimal(10,2)")), ds(req("n", "decimal(12,2)"))));
        assertThat(dec.ruleId()).isEqualTo("TYPE_WIDENED");
        flags(dec, NON_BREAKING, true, false);
    }

    @Test
    void row09_crossFamilyPromotionsAreBreaking() {
        Finding f = only(diff(ds(req("n", "int64")), ds(req("n", "float64"))));
        assertThat(f.ruleId()).isEqualTo("TYPE_PROMOTED");
        flags(f, BREAKING, true, false);
        Finding s = only(diff(ds(req("n", "string")), ds(req("n", "bytes"))));
        assertThat(s.ruleId()).isEqualTo("TYPE_PROMOTED");
        flags(s, BREAKING, true, true);
        Finding date = only(diff(ds(req("n", "date")), ds(req("n", "timestamp(ms)"))));
        flags(date, BREAKING, true, false);
    }

    @Test
    void row10_narrowedOrChanged() {
        Finding n = only(diff(ds(req("n", "int64")), ds(req("n", "int32"))));
        assertThat(n.ruleId()).isEqualTo("TYPE_NARROWED");
        flags(n, BREAKING, false, true);
        Finding c = only(diff(ds(req("n", "string")), ds(req("n", "int32"))));
        assertThat(c.ruleId()).isEqualTo("TYPE_CHANGED");
        flags(c, BREAKING, false, false);
        Finding s = only(diff(ds(req("n", "struct<a:int32>")), ds(req("n", "int32"))));
        assertThat(s.ruleId()).isEqualTo("TYPE_CHANGED");
    }

    @Test
    void row11_decimalScaleChangedOrPrecisionReduced() {
        Finding scale = only(diff(ds(req("n", "decimal(10,2)")), ds(req("n", "decimal(10,4)"))));
        assertThat(scale.ruleId()).isEqualTo("DECIMAL_SCALE_CHANGED");
        flags(scale, BREAKING, false, false);
        Finding prec = only(diff(ds(req("n", "decimal(12,2)")), ds(req("n", "decimal(10,2)"))));
        assertThat(prec.ruleId()).isEqualTo("DECIMAL_PRECISION_REDUCED");
        assertThat(prec.severity()).isEqualTo(BREAKING);
        assertThat(prec.backwardCompatible()).isFalse();
    }

    @Test
    void row12_timeUnitsAndZones() {
        Finding unit = only(diff(ds(req("t", "timestamptz(ms)")), ds(req("t", "timestamptz(us)"))));
        assertThat(unit.ruleId()).isEqualTo("TIMESTAMP_UNIT_CHANGED");
        flags(unit, BREAKING, false, false);
        Finding zone = only(diff(ds(req("t", "timestamptz(ms)")), ds(req("t", "timestamp(ms)"))));
        assertThat(zone.ruleId()).isEqualTo("TIMESTAMP_ZONE_CHANGED");
        flags(zone, BREAKING, false, false);
        Finding time = only(diff(ds(req("t", "time(ms)")), ds(req("t", "time(us)"))));
        assertThat(time.ruleId()).isEqualTo("TIME_UNIT_CHANGED");
        flags(time, BREAKING, false, false);
        Finding timeZone = only(diff(ds(req("t", "time(us)")), ds(req("t", "timetz(us)"))));
        assertThat(timeZone.ruleId()).isEqualTo("TIME_ZONE_CHANGED");
        flags(timeZone, BREAKING, false, false);
        assertThat(diff(ds(req("t", "timetz(us)")), ds(req("t", "timetz(us)"))).findings())
                .isEmpty();
    }

    @Test
    void row13_nullableToRequired() {
        Finding f = only(diff(ds(opt("n", "int32")), ds(req("n", "int32"))));
        assertThat(f.ruleId()).isEqualTo("FIELD_MADE_REQUIRED");
        flags(f, BREAKING, false, true);
    }

    @Test
    void row14_requiredToNullable() {
        Finding f = only(diff(ds(req("n", "int32")), ds(opt("n", "int32"))));
        assertThat(f.ruleId()).isEqualTo("FIELD_MADE_NULLABLE");
        flags(f, NON_BREAKING, true, false);
        Finding forward =
                only(SchemaDiff.diff(ds(req("n", "int32")), ds(opt("n", "int32")), CompatibilityMode.FORWARD));
        assertThat(forward.severity()).isEqualTo(BREAKING);
    }

    @Test
    void row15_enumSymbolAdded() {
        Finding f = only(diff(ds(req("s", "enum(A,B)")), ds(req("s", "enum(A,B,C)"))));
        assertThat(f.ruleId()).isEqualTo("ENUM_SYMBOL_ADDED");
        flags(f, NON_BREAKING, true, false);
        Field old = with(req("s", "enum(A,B)"), SchemaDiff.ENUM_DEFAULT, "A");
        flags(only(diff(ds(old), ds(req("s", "enum(A,B,C)")))), NON_BREAKING, true, true);
    }

    @Test
    void row16_enumSymbolRemoved() {
        Finding f = only(diff(ds(req("s", "enum(A,B,C)")), ds(req("s", "enum(A,B)"))));
        assertThat(f.ruleId()).isEqualTo("ENUM_SYMBOL_REMOVED");
        flags(f, BREAKING, false, true);
        Field neu = with(req("s", "enum(A,B)"), SchemaDiff.ENUM_DEFAULT, "A");
        flags(only(diff(ds(req("s", "enum(A,B,C)")), ds(neu))), NON_BREAKING, true, true);
    }

    @Test
    void row17_enumReorderedIsInfoAndRenamedIsBreaking() {
        Finding f = only(diff(ds(req("s", "enum(A,B)")), ds(req("s", "enum(B,A)"))));
        assertThat(f.ruleId()).isEqualTo("ENUM_SYMBOLS_REORDERED");
        flags(f, INFO, true, true);
        Field o = with(req("s", "enum(A,B)"), SchemaDiff.TYPE_NAME, "com.x.Status");
        Field n = with(req("s", "enum(A,B)"), SchemaDiff.TYPE_NAME, "com.x.State");
        Finding r = only(diff(ds(o), ds(n)));
        assertThat(r.ruleId()).isEqualTo("NAMED_TYPE_RENAMED");
        flags(r, BREAKING, false, false);
    }

    @Test
    void row18_nestedStructChangesRecurseWithDottedPaths() {
        Field o = req("address", "struct<street:string,zip:int32>");
        Field n = req("address", "struct<street:string,zip:int64,city:string>");
        DatasetDiff d = diff(ds(o), ds(n));
        assertThat(one(d, Rule.TYPE_WIDENED).path()).isEqualTo("address.zip");
        assertThat(one(d, Rule.FIELD_ADDED_NULLABLE).path()).isEqualTo("address.city");
        assertThat(d.findings()).hasSize(2);
    }

    @Test
    void row19_arrayElementTypeRecurses() {
        Finding f = only(diff(ds(req("xs", "array<int32>")), ds(req("xs", "array<int64>"))));
        assertThat(f.ruleId()).isEqualTo("TYPE_WIDENED");
        assertThat(f.message()).contains("xs element");
        Finding c = only(diff(ds(req("xs", "array<int32>")), ds(req("xs", "map<string,int32>"))));
        assertThat(c.ruleId()).isEqualTo("TYPE_CHANGED");
        flags(c, BREAKING, false, false);
        Finding s = only(diff(ds(req("xs", "array<int32>")), ds(req("xs", "int32"))));
        assertThat(s.ruleId()).isEqualTo("TYPE_CHANGED");
    }

    @Test
    void row20_mapValueRecursesAndKeyChangeBreaks() {
        Finding v = only(diff(ds(req("m", "map<string,float32>")), ds(req("m", "map<string,float64>"))));
        assertThat(v.ruleId()).isEqualTo("TYPE_WIDENED");
        assertThat(v.message()).contains("m value");
        Finding k = only(diff(ds(req("m", "map<string,int32>")), ds(req("m", "map<int64,int32>"))));
        assertThat(k.ruleId()).isEqualTo("MAP_KEY_CHANGED");
        assertThat(k.severity()).isEqualTo(BREAKING);
    }

    @Test
    void row21_unionBranchAddedOrRemoved() {
        Finding a = only(diff(ds(req("u", "union<int32,string>")), ds(req("u", "union<int32,string,boolean>"))));
        assertThat(a.ruleId()).isEqualTo("UNION_BRANCH_ADDED");
        flags(a, NON_BREAKING, true, false);
        Finding r = only(diff(ds(req("u", "union<int32,string,boolean>")), ds(req("u", "union<int32,string>"))));
        assertThat(r.ruleId()).isEqualTo("UNION_BRANCH_REMOVED");
        flags(r, BREAKING, false, true);
    }

    @Test
    void row22_defaultAddedAndChanged() {
        Field plain = req("n", "int32");
        Field one = plain.toBuilder().defaultValue("1").build();
        Field two = plain.toBuilder().defaultValue("2").build();
        Finding added = only(diff(ds(plain), ds(one)));
        assertThat(added.ruleId()).isEqualTo("DEFAULT_ADDED");
        flags(added, INFO, true, true);
        Finding changed = only(diff(ds(one), ds(two)));
        assertThat(changed.ruleId()).isEqualTo("DEFAULT_CHANGED");
        flags(changed, NON_BREAKING, true, true);
        assertThat(changed.before()).isEqualTo("1");
        assertThat(changed.after()).isEqualTo("2");
    }

    @Test
    void row23_descriptionChanged() {
        Field o = req("n", "int32").toBuilder().description("count").build();
        Field n = req("n", "int32").toBuilder().description("number of items").build();
        Finding f = only(diff(ds(o), ds(n)));
        assertThat(f.ruleId()).isEqualTo("FIELD_DESCRIPTION_CHANGED");
        flags(f, INFO, true, true);
        Dataset od = ds(o).toBuilder().description("orders").build();
        Dataset nd = ds(o).toBuilder().description("all orders").build();
        assertThat(only(diff(od, nd)).ruleId()).isEqualTo("DATASET_DESCRIPTION_CHANGED");
        assertThat(diff(od, nd).changeType()).contains(ChangeType.METADATA_UPDATE);
    }

    @Test
    void row24_tagsChanged() {
        Field o = req("email", "string").toBuilder().tags(List.of("pii")).build();
        Field n = req("email", "string").toBuilder()
                .tags(List.of("pii", "contact"))
                .build();
        Finding f = only(diff(ds(o), ds(n)));
        assertThat(f.ruleId()).isEqualTo("FIELD_TAGS_CHANGED");
        assertThat(f.message()).contains("added contact");
        flags(f, INFO, true, true);
        Dataset od = ds(o).toBuilder().tags(List.of("gold")).build();
        assertThat(only(diff(ds(o), od)).ruleId()).isEqualTo("DATASET_TAGS_CHANGED");
    }

    @Test
    void row25_fieldOrderChanged() {
        Finding f = only(diff(ds(req("a", "int32"), req("b", "int32")), ds(req("b", "int32"), req("a", "int32"))));
        assertThat(f.ruleId()).isEqualTo("FIELD_ORDER_CHANGED");
        flags(f, INFO, true, true);
        Map<String, String> positional = Map.of(SchemaDiff.POSITIONAL, "true");
        DatasetId csv = DatasetId.of("csv", "orders");
        Finding p = only(SchemaDiff.diff(
                ds(csv, positional, req("a", "int32"), req("b", "int32")),
                ds(csv, positional, req("b", "int32"), req("a", "int32"))));
        assertThat(p.severity()).isEqualTo(BREAKING);
    }

    @Test
    void row26_primaryKeyChanged() {
        Field id = req("id", "int64").toBuilder().primaryKey(true).build();
        Finding f = only(diff(
                ds(id, req("line", "int32")),
                ds(id, req("line", "int32").toBuilder().primaryKey(true).build())));
        assertThat(f.ruleId()).isEqualTo("PRIMARY_KEY_CHANGED");
        assertThat(f.before()).isEqualTo("id");
        assertThat(f.after()).isEqualTo("id, line");
        assertThat(f.severity()).isEqualTo(BREAKING);
    }

    @Test
    void row27_partitionKeyChanged() {
        Field dt = req("dt", "date").toBuilder().partitionKey(true).build();
        Field region = req("region", "string");
        Finding f = only(diff(
                ds(dt, region),
                ds(req("dt", "date"), region.toBuilder().partitionKey(true).build())));
        assertThat(f.ruleId()).isEqualTo("PARTITION_KEY_CHANGED");
        assertThat(f.severity()).isEqualTo(BREAKING);
        DatasetId ice = DatasetId.of("iceberg", "db.events");
        Finding i = only(SchemaDiff.diff(
                ds(ice, Map.of(), dt, region),
                ds(
                        ice,
                        Map.of(),
                        req("dt", "date"),
                        region.toBuilder().partitionKey(true).build())));
        assertThat(i.severity()).isEqualTo(NON_BREAKING);
    }

    @Test
    void row28_namedTypeRenamedAliasAndNamespace() {
        Map<String, String> o = Map.of(SchemaDiff.TYPE_NAME, "com.acme.User");
        DatasetId avro = DatasetId.of("avro", "User");
        Finding renamed = only(SchemaDiff.diff(
                ds(avro, o, req("id", "int64")),
                ds(avro, Map.of(SchemaDiff.TYPE_NAME, "com.acme.Person"), req("id", "int64"))));
        assertThat(renamed.ruleId()).isEqualTo("NAMED_TYPE_RENAMED");
        flags(renamed, BREAKING, false, false);
        Finding aliased = only(SchemaDiff.diff(
                ds(avro, o, req("id", "int64")),
                ds(
                        avro,
                        Map.of(SchemaDiff.TYPE_NAME, "com.acme.Person", SchemaDiff.TYPE_ALIASES, "com.acme.User"),
                        req("id", "int64"))));
        flags(aliased, NON_BREAKING, true, false);
        Finding ns = only(SchemaDiff.diff(
                ds(avro, o, req("id", "int64")),
                ds(avro, Map.of(SchemaDiff.TYPE_NAME, "org.acme.User"), req("id", "int64"))));
        assertThat(ns.ruleId()).isEqualTo("NAMESPACE_CHANGED");
        flags(ns, INFO, true, true);
    }

    @Test
    void nothingChangedGivesNoVersion() {
        DatasetDiff d = diff(ds(req("id", "int64")), ds(req("id", "int64")));
        assertThat(d.findings()).isEmpty();
        assertThat(d.changeType()).isEmpty();
        assertThat(d.bump()).isEqualTo(Bump.NONE);
    }

    @Test
    void bumpIsTheWorstFinding() {
        DatasetDiff d = diff(
                ds(req("id", "int64"), opt("a", "int32")),
                ds(req("id", "int64"), opt("a", "int64"), opt("b", "string")));
        assertThat(d.bump()).isEqualTo(Bump.MINOR);
        assertThat(d.changeType()).contains(ChangeType.SCHEMA_CHANGE);
        DatasetDiff broken = diff(ds(req("id", "int64"), opt("a", "int32")), ds(req("id", "int64")));
        assertThat(broken.changeType()).contains(ChangeType.BREAKING_SCHEMA_CHANGE);
    }

    @Test
    void deepNestingThroughArraysOfStructsAndUnions() {
        Field o = Field.builder(
                        "items",
                        DataTypes.parse(
                                "array<struct<sku:string,price:decimal(10,2),tags:map<string,struct<w:int32>>>>"))
                .nullable(false)
                .build();
        Field n = Field.builder(
                        "items",
                        DataTypes.parse(
                                "array<struct<sku:string,price:decimal(10,4),tags:map<string,struct<w:int64>>>>"))
                .nullable(false)
                .build();
        DatasetDiff d = diff(ds(o), ds(n));
        assertThat(one(d, Rule.DECIMAL_SCALE_CHANGED).path()).isEqualTo("items.price");
        assertThat(one(d, Rule.TYPE_WIDENED).path()).isEqualTo("items.tags.w");
        Field uo = req("u", "union<null,struct<a:int32>>");
        Field un = req("u", "union<null,struct<a:int32,b:string>>");
        assertThat(one(diff(ds(uo), ds(un)), Rule.FIELD_ADDED_NULLABLE).path()).isEqualTo("u.b");
    }

    @Test
    void explicitChildFieldsKeepNullabilityAndDescriptions() {
        Field childO = req("zip", "string").toBuilder().path("address.zip").build();
        Field childN = opt("zip", "string").toBuilder()
                .path("address.zip")
                .description("postal code")
                .build();
        Field o = Field.builder("address", DataTypes.parse("struct<zip:string>"))
                .fields(List.of(childO))
                .build();
        Field n = Field.builder("address", DataTypes.parse("struct<zip:string>"))
                .fields(List.of(childN))
                .build();
        DatasetDiff d = diff(ds(o), ds(n));
        assertThat(one(d, Rule.FIELD_MADE_NULLABLE).path()).isEqualTo("address.zip");
        assertThat(one(d, Rule.FIELD_DESCRIPTION_CHANGED).path()).isEqualTo("address.zip");
    }

    @Test
    void datasetIdIsTheNewOne() {
        assertThat(diff(ds(req("a", "int32")), ds(req("a", "int64"))).dataset()).isEqualTo(ORDERS);
    }
}
