package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.common.GlobalTags;
import com.linkedin.common.GlossaryTermAssociation;
import com.linkedin.common.GlossaryTermAssociationArray;
import com.linkedin.common.GlossaryTerms;
import com.linkedin.common.Ownership;
import com.linkedin.common.OwnershipType;
import com.linkedin.common.urn.DatasetUrn;
import com.linkedin.common.urn.GlossaryTermUrn;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.dataset.DatasetLineageType;
import com.linkedin.dataset.FineGrainedLineage;
import com.linkedin.dataset.UpstreamLineage;
import com.linkedin.metadata.aspect.patch.builder.OwnershipPatchBuilder;
import com.linkedin.metadata.aspect.patch.builder.UpstreamLineagePatchBuilder;
import com.linkedin.mxe.MetadataChangeProposal;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.CatalogAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Edits are DataHub PATCHes: each takes away only what it names and adds only what it names,
 * whatever else DataHub already holds (other upstreams, owners, tags and terms added in the UI or
 * by other tools). The fake GMS applies UPSERT as replace and PATCH with DataHub's own templates,
 * so a whole-aspect UPSERT of an edit would show here as something removed.
 */
class DataHubPatchTest extends FakeGmsTest {
    static final DatasetId ORDERS = DataHubWriteTest.ORDERS;
    static final DatasetId CUSTOMERS = DataHubWriteTest.CUSTOMERS;
    static final DatasetId DAILY = DataHubWriteTest.DAILY;
    /** A dataset Lumos never wrote: an upstream someone else declared in DataHub. */
    static final DatasetId EXTERNAL = DatasetId.of("hive", "warehouse.fx_rates");

    private final ObjectMapper json = new ObjectMapper();

    enum Mode {
        REST,
        FILE
    }

    /** What an edit may change: per urn#aspect, the element keys it adds and those it removes. */
    record Change(Set<String> added, Set<String> removed) {}

    enum Edit {
        LINEAGE_ADD(a -> a.writeLineage(List.of(LineageEdge.of(CUSTOMERS, DAILY)
                .withColumns(List.of(new ColumnMapping(List.of("id"), "column_2", "IDENTITY")))))),
        LINEAGE_REMOVE(a -> a.removeLineage(ORDERS, DAILY)),
        OWNER_ADD(a -> a.addOwner(ORDERS, new Owner("bob", "DATA_STEWARD"))),
        OWNER_REMOVE(a -> a.removeOwner(ORDERS, "ui-user")),
        INGEST(a -> a.writeDatasets(List.of(Dataset.builder(ORDERS)
                .owners(List.of(new Owner("alice", "TECHNICAL_OWNER"), new Owner("carol", "DATA_STEWARD")))
                .tags(List.of("pii"))
                .glossaryTerms(List.of("Finance.Revenue"))
                .build())));

        final Consumer<CatalogAdapter> run;

        Edit(Consumer<CatalogAdapter> run) {
            this.run = run;
        }
    }

    static String field(DatasetId dataset, String column) {
        return "urn:li:schemaField:(" + dataset.urn() + "," + column + ")";
    }

    static Map<String, Change> expected(Edit edit, Mode mode) {
        Map<String, Change> out = new LinkedHashMap<>();
        switch (edit) {
            case LINEAGE_ADD ->
                out.put(
                        DAILY.urn() + "#upstreamLineage",
                        new Change(
                                Set.of(
                                        "up " + CUSTOMERS.urn(),
                                        "fg IDENTITY " + field(DAILY, "column_2") + " " + field(CUSTOMERS, "id")),
                                Set.of()));
            case LINEAGE_REMOVE -> {
                Set<String> removed = new TreeSet<>(Set.of("up " + ORDERS.urn()));
                if (mode == Mode.REST) {
                    // with a server the column lineage from ORDERS is read back and removed with it;
                    // the file transport has no server to ask and can name only what it wrote
                    removed.add("fg SUM(amount) " + field(DAILY, "column_0") + " " + field(ORDERS, "amount"));
                }
                out.put(DAILY.urn() + "#upstreamLineage", new Change(Set.of(), removed));
            }
            case OWNER_ADD ->
                out.put(ORDERS.urn() + "#ownership", new Change(Set.of("urn:li:corpuser:bob DATA_STEWARD"), Set.of()));
            case OWNER_REMOVE ->
                out.put(
                        ORDERS.urn() + "#ownership",
                        new Change(Set.of(), Set.of("urn:li:corpuser:ui-user DATA_STEWARD")));
            case INGEST -> {
                out.put(
                        ORDERS.urn() + "#ownership",
                        new Change(Set.of("urn:li:corpuser:carol DATA_STEWARD"), Set.of()));
                out.put(ORDERS.urn() + "#globalTags", new Change(Set.of("urn:li:tag:pii"), Set.of()));
                out.put(
                        ORDERS.urn() + "#glossaryTerms",
                        new Change(Set.of("urn:li:glossaryTerm:Finance.Revenue"), Set.of()));
                // Lumos's own aspects of the dataset it ingests are whole (UPSERT)
                for (String own :
                        List.of("datasetProperties", "schemaMetadata", "status", "subTypes", "browsePathsV2")) {
                    out.put(ORDERS.urn() + "#" + own, null);
                }
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /** What DataHub holds before the edit: written by an earlier ingest, by other tools, in the UI. */
    private void seed() throws Exception {
        UpstreamLineage lineage = DatasetMapping.upstreamLineage(
                DAILY,
                List.of(
                        LineageEdge.of(ORDERS, DAILY)
                                .withColumns(List.of(new ColumnMapping(List.of("amount"), "column_0", "SUM(amount)"))),
                        LineageEdge.of(EXTERNAL, DAILY)
                                .withColumns(List.of(new ColumnMapping(List.of("rate"), "column_1", "LOOKUP")))));
        upsert(DAILY, "upstreamLineage", lineage);
        upsert(
                ORDERS,
                "ownership",
                DatasetMapping.ownership(List.of(
                        new Owner("alice", "TECHNICAL_OWNER"),
                        new Owner("ui-user", "DATA_STEWARD"),
                        new Owner("group:sales", "BUSINESS_OWNER"))));
        upsert(ORDERS, "globalTags", SchemaMapping.tags(List.of("ui-tag")));
        upsert(
                ORDERS,
                "glossaryTerms",
                new GlossaryTerms()
                        .setTerms(new GlossaryTermAssociationArray(List.of(new GlossaryTermAssociation()
                                .setUrn(GlossaryTermUrn.createFromString("urn:li:glossaryTerm:Ui.Term")))))
                        .setAuditStamp(DatasetMapping.stamp(null)));
        assertThat(gms.problems).isEmpty();
    }

    private void upsert(DatasetId id, String aspect, RecordTemplate value) throws Exception {
        gms.apply(Proposal.upsert("dataset", id.urn(), aspect, value).json());
    }

    /** The elements of an aspect, by the keys DataHub's patch templates use. */
    static Set<String> keys(String aspect, String value) {
        Set<String> out = new TreeSet<>();
        switch (aspect) {
            case "ownership" ->
                RecordUtils.toRecordTemplate(Ownership.class, value)
                        .getOwners()
                        .forEach(o -> out.add(o.getOwner() + " " + o.getType()));
            case "globalTags" ->
                RecordUtils.toRecordTemplate(GlobalTags.class, value)
                        .getTags()
                        .forEach(t -> out.add(t.getTag().toString()));
            case "glossaryTerms" ->
                RecordUtils.toRecordTemplate(GlossaryTerms.class, value)
                        .getTerms()
                        .forEach(t -> out.add(t.getUrn().toString()));
            case "upstreamLineage" -> {
                UpstreamLineage ul = RecordUtils.toRecordTemplate(UpstreamLineage.class, value);
                ul.getUpstreams().forEach(u -> out.add("up " + u.getDataset()));
                if (ul.hasFineGrainedLineages()) {
                    for (FineGrainedLineage f : ul.getFineGrainedLineages()) {
                        for (Urn d : f.getDownstreams()) {
                            for (Urn u : f.getUpstreams()) {
                                out.add("fg " + f.getTransformOperation() + " " + d + " " + u);
                            }
                        }
                    }
                }
            }
            default -> out.add(value);
        }
        return out;
    }

    private Map<String, String> state() {
        Map<String, String> out = new LinkedHashMap<>();
        for (DatasetId id : List.of(ORDERS, CUSTOMERS, DAILY, EXTERNAL)) {
            gms.aspectsOf(id.urn()).forEach((aspect, value) -> out.put(id.urn() + "#" + aspect, value));
        }
        return out;
    }

    private void run(Edit edit, Mode mode) throws Exception {
        if (mode == Mode.REST) {
            try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
                edit.run.accept(a);
                a.flush();
                assertThat(a.report().failed()).isZero();
            }
            return;
        }
        Path file = dir.resolve("mcps.json");
        try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", file.toString()))) {
            edit.run.accept(a);
            a.flush();
        }
        // what `datahub ingest` of the file does: each proposal, in order, as GMS applies it
        for (JsonNode proposal : json.readTree(file.toFile())) {
            gms.apply(proposal.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Edit.class)
    void noEditRemovesWhatItWasNotAskedToRemoveOverRest(Edit edit) throws Exception {
        check(edit, Mode.REST);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Edit.class)
    void noEditRemovesWhatItWasNotAskedToRemoveThroughTheFile(Edit edit) throws Exception {
        check(edit, Mode.FILE);
    }

    private void check(Edit edit, Mode mode) throws Exception {
        seed();
        Map<String, String> before = state();
        gms.requests.clear();
        run(edit, mode);
        assertThat(gms.problems).isEmpty();
        Map<String, String> after = state();
        Map<String, Change> expected = expected(edit, mode);

        Set<String> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String key : all) {
            String aspect = key.substring(key.indexOf('#') + 1);
            if (expected.containsKey(key) && expected.get(key) == null) {
                continue; // a whole aspect Lumos owns, written by the ingest
            }
            Change change = expected.getOrDefault(key, new Change(Set.of(), Set.of()));
            Set<String> was = before.containsKey(key) ? keys(aspect, before.get(key)) : Set.of();
            Set<String> is = after.containsKey(key) ? keys(aspect, after.get(key)) : Set.of();
            Set<String> want = new TreeSet<>(was);
            want.removeAll(change.removed());
            want.addAll(change.added());
            assertThat(is).as("%s after %s over %s", key, edit, mode).isEqualTo(want);
        }
        if (mode == Mode.REST && (edit == Edit.OWNER_ADD || edit == Edit.OWNER_REMOVE)) {
            // a patch, not read-modify-write: nothing another writer does in between is lost
            assertThat(gms.requests).extracting(FakeGms.Request::method).containsOnly("POST");
        }
    }

    @Test
    void redeclaringAnEdgeOverRestReplacesItsColumnMappingsAndNothingElse() throws Exception {
        seed();
        Map<String, String> before = state();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY)
                    .withColumns(List.of(new ColumnMapping(List.of("id"), "column_3", "IDENTITY")))));
            a.flush();
        }
        assertThat(gms.problems).isEmpty();
        String key = DAILY.urn() + "#upstreamLineage";
        Set<String> want = new TreeSet<>(keys("upstreamLineage", before.get(key)));
        want.remove("fg SUM(amount) " + field(DAILY, "column_0") + " " + field(ORDERS, "amount"));
        want.add("fg IDENTITY " + field(DAILY, "column_3") + " " + field(ORDERS, "id"));
        assertThat(keys("upstreamLineage", state().get(key))).isEqualTo(want);
    }

    @Test
    void anIngestWithSemanticsOverwriteReplacesOwnersTagsAndTerms() throws Exception {
        seed();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms, "semantics", "overwrite"))) {
            Edit.INGEST.run.accept(a);
            a.flush();
        }
        Map<String, String> after = state();
        assertThat(keys("ownership", after.get(ORDERS.urn() + "#ownership")))
                .containsExactly("urn:li:corpuser:alice TECHNICAL_OWNER", "urn:li:corpuser:carol DATA_STEWARD");
        assertThat(keys("globalTags", after.get(ORDERS.urn() + "#globalTags"))).containsExactly("urn:li:tag:pii");
        assertThat(keys("glossaryTerms", after.get(ORDERS.urn() + "#glossaryTerms")))
                .containsExactly("urn:li:glossaryTerm:Finance.Revenue");
    }

    @Test
    void readingBackAfterPatchesGivesTheModel() throws Exception {
        seed();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeLineage(List.of(LineageEdge.of(CUSTOMERS, DAILY)
                    .withColumns(List.of(new ColumnMapping(List.of("id"), "column_2", null)))));
            a.flush();
            LineageEdge customers = a.upstreamEdges(DAILY).stream()
                    .filter(e -> e.upstream().equals(CUSTOMERS))
                    .findFirst()
                    .orElseThrow();
            // a column mapping without a transformation is stored by GMS's template as "NONE"
            assertThat(customers.columns()).containsExactly(new ColumnMapping(List.of("id"), "column_2", null));
            assertThat(a.upstreamEdges(DAILY))
                    .extracting(LineageEdge::upstream)
                    .containsExactlyInAnyOrder(ORDERS, EXTERNAL, CUSTOMERS);
        }
    }

    /** Our paths and values are those of the jar's builders (which stamp "now"; ours are stable). */
    @Test
    void patchesUseThePathsOfDataHubsBuilders() throws Exception {
        DatasetUrn down = DatasetMapping.datasetUrn(DAILY);
        DatasetUrn up = DatasetMapping.datasetUrn(CUSTOMERS);
        String ours = new Patches()
                .addEdge(
                        DAILY,
                        LineageEdge.of(CUSTOMERS, DAILY)
                                .withColumns(List.of(new ColumnMapping(List.of("id"), "column_2", "IDENTITY"))))
                .removeEdge(ORDERS, List.of())
                .toString();
        MetadataChangeProposal theirs = new UpstreamLineagePatchBuilder()
                .urn(down)
                .addUpstream(up, DatasetLineageType.TRANSFORMED)
                .addFineGrainedUpstreamField(
                        Urn.createFromString(field(CUSTOMERS, "id")),
                        1.0f,
                        "IDENTITY",
                        Urn.createFromString(field(DAILY, "column_2")),
                        null)
                .removeUpstream(DatasetMapping.datasetUrn(ORDERS))
                .build();
        assertThat(paths(ours)).isEqualTo(paths(value(theirs)));

        Owner bob = new Owner("bob", "DATA_STEWARD");
        String ownersOurs = new Patches()
                .removeOwners(List.of("urn:li:corpuser:alice"))
                .addOwners(DatasetMapping.ownership(List.of(bob)))
                .toString();
        MetadataChangeProposal ownersTheirs = new OwnershipPatchBuilder()
                .urn(down)
                .removeOwner(Urn.createFromString("urn:li:corpuser:alice"))
                .addOwner(Urn.createFromString("urn:li:corpuser:bob"), OwnershipType.DATA_STEWARD)
                .build();
        assertThat(paths(ownersOurs)).isEqualTo(paths(value(ownersTheirs)));
    }

    private static String value(MetadataChangeProposal mcp) {
        return mcp.getAspect().getValue().asString(StandardCharsets.UTF_8);
    }

    private List<String> paths(String patch) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode op : json.readTree(patch)) {
            out.add(op.path("op").asText() + " " + op.path("path").asText());
        }
        return out;
    }
}
