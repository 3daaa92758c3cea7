package io.lumos.platform.datahub;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.linkedin.common.GlobalTags;
import com.linkedin.common.GlossaryTermAssociation;
import com.linkedin.common.GlossaryTerms;
import com.linkedin.common.Ownership;
import com.linkedin.common.TagAssociation;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.template.JacksonDataTemplateCodec;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.dataset.FineGrainedLineage;
import com.linkedin.dataset.Upstream;
import com.linkedin.dataset.UpstreamLineage;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * JSON-Patch (RFC 6902) values of DataHub {@code PATCH} proposals, for edits that must change one
 * owner, tag, term or upstream and leave the rest of the aspect alone (an {@code UPSERT} replaces
 * the whole aspect in DataHub).
 *
 * <p>The paths are those of the jar's {@code com.linkedin.metadata.aspect.patch.builder}
 * classes (checked by {@code DataHubPatchTest} against the builders), and GMS applies them with the
 * {@code com.linkedin.metadata.aspect.patch.template} classes of the same jar: ownership is keyed
 * by owner, then ownership type; tags by tag URN; terms by term URN; upstreams by dataset URN;
 * fine-grained lineage by transform operation, downstream field, query and upstream field. Each
 * segment is escaped as the builders do ({@code ~} as {@code ~0}, {@code /} as {@code ~1}).
 *
 * <p>They are written here rather than with the builders for two reasons: the builders stamp
 * "now" into every upstream (so an unchanged re-send would not be byte-identical and DataHub would
 * keep a new version each run), and two of the 0.15 builders write what the 0.15 templates do not
 * read: {@code GlobalTagsPatchBuilder} puts {@code {"urn": ...}} where a tag association has
 * {@code tag}, and {@code GlossaryTermsPatchBuilder} patches {@code /glossaryTerms/...} where the
 * template keys {@code /terms/...} (both seen by applying the builders' output with the templates).
 */
final class Patches {
    private static final ThreadLocal<JacksonDataTemplateCodec> CODEC =
            ThreadLocal.withInitial(JacksonDataTemplateCodec::new);
    static final String NONE = "NONE";

    private final StringBuilder ops = new StringBuilder("[");
    private int count;

    // The ops are written as text: the aspect codec's JSON goes in as it is, not parsed again
    // (parsing each value back into a tree cost an ingest a sixth more CPU).

    boolean isEmpty() {
        return count == 0;
    }

    /** The RFC 6902 array. */
    @Override
    public String toString() {
        return ops + "]";
    }

    /** RFC 6901: '~' and '/' inside a JSON pointer segment, as the builders' {@code encodeValue}. */
    static String pointer(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static String path(String... segments) {
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            b.append('/').append(pointer(s));
        }
        return b.toString();
    }

    private void op(String op, String path, String valueJson) {
        if (count++ > 0) {
            ops.append(',');
        }
        ops.append("{\"op\":\"").append(op).append("\",\"path\":\"");
        JsonStringEncoder.getInstance().quoteAsString(path, ops);
        ops.append('"');
        if (valueJson != null) {
            ops.append(",\"value\":").append(valueJson);
        }
        ops.append('}');
    }

    private void add(String path, RecordTemplate value) {
        try {
            op("add", path, CODEC.get().mapToString(value.data()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remove(String path) {
        op("remove", path, null);
    }

    // ---- ownership: /owners/<owner>/<type>

    // the owners path is keyed by the (required, deprecated) Owner.type, as DataHub's own OwnershipPatchBuilder keys it
    @SuppressWarnings("deprecation")
    Patches addOwners(Ownership ownership) {
        for (com.linkedin.common.Owner o : ownership.getOwners()) {
            add(path("owners", o.getOwner().toString(), o.getType().name()), o);
        }
        return this;
    }

    /** Removes every entry of an owner, whatever its type (as the local catalog's owner removal). */
    Patches removeOwners(Collection<String> ownerUrns) {
        for (String urn : new TreeSet<>(ownerUrns)) {
            remove(path("owners", urn));
        }
        return this;
    }

    // ---- globalTags: /tags/<tag>, glossaryTerms: /terms/<term>

    Patches addTags(GlobalTags tags) {
        for (TagAssociation t : tags.getTags()) {
            add(path("tags", t.getTag().toString()), t);
        }
        return this;
    }

    Patches addTerms(GlossaryTerms terms) {
        for (GlossaryTermAssociation t : terms.getTerms()) {
            add(path("terms", t.getUrn().toString()), t);
        }
        return this;
    }

    // ---- upstreamLineage: /upstreams/<dataset>, /fineGrainedLineages/<op>/<downField>/<query>/<upField>

    /** Adds (or replaces) one upstream of {@code downstream}, with its column lineage. */
    Patches addEdge(DatasetId downstream, LineageEdge edge) {
        UpstreamLineage one = DatasetMapping.upstreamLineage(downstream, java.util.List.of(edge));
        for (Upstream u : one.getUpstreams()) {
            add(path("upstreams", u.getDataset().toString()), u);
        }
        if (one.hasFineGrainedLineages()) {
            for (FineGrainedLineage f : one.getFineGrainedLineages()) {
                for (String p : fineGrainedPaths(f, null)) {
                    op("add", p, "{\"confidenceScore\":" + f.getConfidenceScore() + "}");
                }
            }
        }
        return this;
    }

    /**
     * Removes one upstream and the column lineage that comes from it: the fine-grained entries of
     * {@code known} (what was written, or read back from GMS) whose upstream field is a field of
     * {@code upstream}. Entries that mix fields of several datasets lose only this one's fields.
     */
    Patches removeEdge(DatasetId upstream, Collection<FineGrainedLineage> known) {
        String up = DatasetMapping.datasetUrn(upstream).toString();
        remove(path("upstreams", up));
        Set<String> paths = new TreeSet<>();
        for (FineGrainedLineage f : known) {
            paths.addAll(fineGrainedPaths(f, up));
        }
        paths.forEach(this::remove);
        return this;
    }

    /**
     * Re-declaring an edge replaces its column lineage (as the local catalog does): the entries of
     * {@code stored} (read back from GMS) from the edge's upstream that the edge no longer has are
     * removed; call before {@link #addEdge}.
     */
    Patches removeStaleColumns(DatasetId downstream, LineageEdge edge, Collection<FineGrainedLineage> stored) {
        String up = DatasetMapping.datasetUrn(edge.upstream()).toString();
        Set<String> stale = new TreeSet<>();
        for (FineGrainedLineage f : stored) {
            stale.addAll(fineGrainedPaths(f, up));
        }
        UpstreamLineage now = DatasetMapping.upstreamLineage(downstream, java.util.List.of(edge));
        if (now.hasFineGrainedLineages()) {
            for (FineGrainedLineage f : now.getFineGrainedLineages()) {
                stale.removeAll(fineGrainedPaths(f, null));
            }
        }
        stale.forEach(this::remove);
        return this;
    }

    /** The template's keys of one fine-grained entry; only upstream fields of {@code onlyFrom} when set. */
    private static Set<String> fineGrainedPaths(FineGrainedLineage f, String onlyFrom) {
        Set<String> out = new TreeSet<>();
        if (!f.hasUpstreams() || !f.hasDownstreams()) {
            return out;
        }
        String op = f.hasTransformOperation() ? f.getTransformOperation() : NONE;
        String query = f.hasQuery() ? f.getQuery().toString() : NONE;
        for (Urn down : f.getDownstreams()) {
            for (Urn up : f.getUpstreams()) {
                if (onlyFrom != null && !fieldOf(up, onlyFrom)) {
                    continue;
                }
                out.add(path("fineGrainedLineages", op, down.toString(), query, up.toString()));
            }
        }
        return out;
    }

    private static boolean fieldOf(Urn field, String datasetUrn) {
        return "schemaField".equals(field.getEntityType())
                ? field.getEntityKey().get(0).equals(datasetUrn)
                : field.toString().equals(datasetUrn);
    }
}
