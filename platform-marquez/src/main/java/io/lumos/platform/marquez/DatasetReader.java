package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.spi.Capability;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.run.RunOnly;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads datasets back from Marquez: one dataset (its current version, with our newest version
 * record), every dataset of the namespaces this config writes, and search (Marquez matches names
 * only; descriptions, fields, tags and owners are searched here).
 */
final class DatasetReader {
    private final MarquezSession s;
    private final MarquezNames naming;
    private final FacetMapper mapper;
    private final Map<String, JsonNode> lastRead;
    private final VersionReader versionReads;

    DatasetReader(MarquezSession s, VersionReader versionReads) {
        this.s = s;
        this.naming = s.naming;
        this.mapper = s.mapper;
        this.lastRead = s.lastRead;
        this.versionReads = versionReads;
    }

    /**
     * The dataset as Marquez shows it (its current version), with our version record. When the
     * current version carries none (another producer's event, or a {@code schema_tracking: false}
     * ingest, came last), the record is the one of the newest Marquez version that carries one:
     * our version history continues from our own records, not from whatever Marquez made current.
     */
    Optional<Dataset> dataset(DatasetId id) {
        MarquezHttp h = s.reader(Capability.READ);
        MarquezNames.Ref r = naming.ref(id);
        JsonNode raw;
        try {
            raw = h.get(MarquezSession.datasetPath(r)).orElse(null);
        } catch (MarquezHttp.StatusException e) {
            throw MarquezHttp.failed(e);
        }
        if (raw == null) {
            return Optional.empty();
        }
        lastRead.put(r.key(), raw);
        Dataset d = toModel(raw, id);
        if (!d.id().equals(id)) {
            // written under this name by a config that names datasets another way: not ours
            d = mapper.dataset(
                    id, stripId(raw.path("facets")), FacetMapper.text(raw, "description"), raw.path("fields"));
        }
        if (d.version() == null) {
            DatasetVersion last = lastRecord(id);
            if (last != null) {
                d = d.withVersion(last);
            }
        }
        return Optional.of(d);
    }

    static JsonNode stripId(JsonNode facets) {
        ObjectNode copy = facets.isObject() ? ((ObjectNode) facets).deepCopy() : FacetMapper.JSON.createObjectNode();
        if (copy.path(FacetMapper.LUMOS).isObject()) {
            ((ObjectNode) copy.get(FacetMapper.LUMOS)).remove("id");
        }
        return copy;
    }

    /** Our newest version record: the one of the newest Marquez version that carries one. */
    private DatasetVersion lastRecord(DatasetId id) {
        for (JsonNode v : versionReads.marquezVersions(id)) { // newest first
            JsonNode lv = v.path("facets").path(FacetMapper.LUMOS).path("version");
            if (lv.isObject()) {
                return FacetMapper.version(lv);
            }
        }
        return null;
    }

    private Dataset toModel(JsonNode n, DatasetId fallback) {
        DatasetId id = fallback != null
                ? fallback
                : naming.idOf(n.path("namespace").asText(), n.path("name").asText());
        Dataset d = mapper.dataset(id, n.path("facets"), FacetMapper.text(n, "description"), n.path("fields"));
        return isRunOnly(n) ? RunOnly.mark(d) : d;
    }

    /**
     * Marquez makes a dataset for every one a run event names: one with no fields, no schema and no
     * Lumos facet was never scanned, only named by runs.
     */
    static boolean isRunOnly(JsonNode n) {
        return n.path("fields").isEmpty()
                && !n.path("facets").has(FacetMapper.LUMOS)
                && !n.path("facets").has("schema");
    }

    void forEachDataset(Consumer<Dataset> consumer) {
        MarquezHttp h = s.reader(Capability.READ);
        List<String> namespaces = namespaces(h);
        // one listing per namespace, side by side: a Marquez shared by many teams has hundreds of
        // namespaces (live, 1,108: one after the other they took 10 s)
        List<Future<List<Dataset>>> listings = new ArrayList<>(namespaces.size());
        for (String ns : namespaces) {
            listings.add(
                    namespaces.size() == 1
                            ? CompletableFuture.completedFuture(datasetsIn(h, ns))
                            : s.prepPool().submit(() -> datasetsIn(h, ns)));
        }
        Map<DatasetId, Dataset> unique = new TreeMap<>();
        for (Future<List<Dataset>> f : listings) {
            for (Dataset d : await(f)) {
                unique.putIfAbsent(d.id(), d);
            }
        }
        unique.values().forEach(consumer);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LumosException(ErrorCode.INTERNAL, "interrupted while reading Marquez", e);
        }
    }

    /**
     * The datasets of one namespace that are ours: a dataset is read as ours only where this config
     * would write its id; one written under another namespace (another config, another team) is not.
     */
    private List<Dataset> datasetsIn(MarquezHttp h, String ns) {
        List<Dataset> out = new ArrayList<>();
        // Marquez returns facets for only the first 10 datasets of a page
        h.forEachItem("/namespaces/" + MarquezNames.segment(ns) + "/datasets", "datasets", 10, d -> {
            if (isAlias(d)) {
                return;
            }
            Dataset m = toModel(d, null);
            if (naming.ref(m.id()).key().equals(ns + "\u0000" + d.path("name").asText())) {
                out.add(m);
            }
        });
        return out;
    }

    /** Symlinks make alias datasets that show the primary under another name: skip those. */
    static boolean isAlias(JsonNode d) {
        String physical = FacetMapper.text(d, "physicalName");
        return physical != null && !physical.equals(d.path("name").asText());
    }

    /**
     * The namespaces to read: the fixed {@code namespace}, or every namespace but the job namespace
     * and Marquez's own {@code default} (which Lumos never writes unless it is configured as the
     * namespace). Within them, only datasets whose id maps back to where they are count (see
     * {@link #forEachDataset}).
     */
    private List<String> namespaces(MarquezHttp h) {
        if (naming.fixedNamespace() != null) {
            return List.of(naming.fixedNamespace());
        }
        List<String> out = new ArrayList<>();
        h.forEachItem("/namespaces", "namespaces", 100, n -> {
            String name = n.path("name").asText();
            if (!name.equals(naming.jobNamespace())
                    && !name.equals(MarquezAdapter.DEFAULT_NAMESPACE)
                    && !n.path("isHidden").asBoolean(false)) {
                out.add(name);
            }
        });
        return out;
    }

    List<Dataset> search(String query, int limit) {
        MarquezHttp h = s.reader(Capability.SEARCH);
        String q = query.strip().toLowerCase(Locale.ROOT);
        Set<String> nameHits = new HashSet<>();
        try {
            // Marquez matches dataset and job names only; the rest is searched here
            h.get("/search?q=" + MarquezNames.query(query.strip()) + "&filter=DATASET&limit=100")
                    .ifPresent(r -> r.path("results")
                            .forEach(n -> nameHits.add(n.path("namespace").asText() + "\u0000"
                                    + n.path("name").asText())));
        } catch (MarquezHttp.StatusException e) {
            s.warnOnce("search", "Marquez search failed (" + e.getMessage() + "); searching on our side only");
        }
        List<Map.Entry<Integer, Dataset>> scored = new ArrayList<>();
        forEachDataset(d -> {
            int s = score(d, q, nameHits.contains(naming.ref(d.id()).key()));
            if (s < Integer.MAX_VALUE) {
                scored.add(Map.entry(s, d));
            }
        });
        scored.sort(Map.Entry.<Integer, Dataset>comparingByKey()
                .thenComparing(e -> e.getValue().id()));
        return scored.stream()
                .limit(Math.max(0, limit))
                .map(Map.Entry::getValue)
                .toList();
    }

    static int score(Dataset d, String q, boolean nameHit) {
        String name = d.name().toLowerCase(Locale.ROOT);
        if (name.equals(q) || d.id().shortName().equalsIgnoreCase(q)) {
            return 0;
        }
        if (nameHit || name.contains(q)) {
            return 1;
        }
        if (d.description() != null && d.description().toLowerCase(Locale.ROOT).contains(q)) {
            return 2;
        }
        for (Field f : d.allFields()) {
            if (f.path().toLowerCase(Locale.ROOT).contains(q)
                    || (f.description() != null
                            && f.description().toLowerCase(Locale.ROOT).contains(q))) {
                return 3;
            }
        }
        if (d.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(q))
                || d.allFields().stream().flatMap(f -> f.tags().stream()).anyMatch(t -> t.toLowerCase(Locale.ROOT)
                        .contains(q))
                || d.glossaryTerms().stream()
                        .anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(q))) {
            return 4;
        }
        if (d.owners().stream().anyMatch(o -> o.urn().toLowerCase(Locale.ROOT).contains(q))) {
            return 5;
        }
        return Integer.MAX_VALUE;
    }
}
