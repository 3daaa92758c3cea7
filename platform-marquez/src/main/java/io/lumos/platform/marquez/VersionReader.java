package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.spi.Capability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our versions as Marquez keeps them: each Marquez version of a dataset may carry our version record
 * in its {@code lumos} facet; the history is those records, and the next version counter starts
 * after the highest one found.
 */
final class VersionReader {
    private final MarquezSession s;
    private final MarquezNames naming;
    private final FacetMapper mapper;

    VersionReader(MarquezSession s) {
        this.s = s;
        this.naming = s.naming;
        this.mapper = s.mapper;
    }

    private static final Pattern COUNTER = Pattern.compile("(\\d+)$");
    private Long versionCounter;

    List<DatasetVersion> versions(DatasetId id) {
        Map<String, DatasetVersion> byCloud = new LinkedHashMap<>();
        for (JsonNode v : marquezVersions(id)) {
            JsonNode lv = v.path("facets").path(FacetMapper.LUMOS).path("version");
            if (lv.isObject()) {
                DatasetVersion dv = FacetMapper.version(lv);
                byCloud.putIfAbsent(dv.cloudVersion(), dv);
            }
        }
        return byCloud.values().stream()
                .sorted(Comparator.comparing(DatasetVersion::timestamp).thenComparing(DatasetVersion::schemaVersion))
                .toList();
    }

    Optional<Dataset> datasetAtVersion(DatasetId id, String version) {
        for (JsonNode v : marquezVersions(id)) { // newest first
            JsonNode lv = v.path("facets").path(FacetMapper.LUMOS).path("version");
            if (version.equals(lv.path("cloudVersion").asText())
                    || version.equals(lv.path("schemaVersion").asText())
                    || version.equals(v.path("version").asText())) {
                return Optional.of(
                        mapper.dataset(id, v.path("facets"), FacetMapper.text(v, "description"), v.path("fields")));
            }
        }
        return Optional.empty();
    }

    /** Every Marquez version of a dataset, newest first, with its own facets. */
    List<JsonNode> marquezVersions(DatasetId id) {
        MarquezHttp h = s.reader(Capability.VERSIONS);
        MarquezNames.Ref r = naming.ref(id);
        List<JsonNode> out = new ArrayList<>();
        h.forEachItem(MarquezSession.datasetPath(r) + "/versions", "versions", 10, out::add);
        return out;
    }

    /** The next of our version counters; the first call reads every version of {@code ours}. */
    synchronized long nextVersionCounter(Supplier<List<Dataset>> ours) {
        if (versionCounter == null) {
            // Marquez has no counter of its own: start after the highest one we ever wrote.
            long max = 0;
            for (Dataset d : ours.get()) {
                for (DatasetVersion v : versions(d.id())) {
                    Matcher m = COUNTER.matcher(v.cloudVersion());
                    if (m.find()) {
                        max = Math.max(max, Long.parseLong(m.group(1)));
                    }
                }
            }
            versionCounter = max;
        }
        return ++versionCounter;
    }
}
