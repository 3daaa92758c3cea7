package io.lumos.domain.health;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores how well each dataset is described. "Now" is the snapshot's creation time, so the same
 * snapshot always gives the same scores. Points are rounded to one decimal.
 */
public final class HealthScorer {
    public static final String NO_OWNER = "(no owner)";
    public static final String NO_DOMAIN = "(no domain)";

    private final HealthWeights weights;

    public HealthScorer(HealthWeights weights) {
        this.weights = weights;
    }

    public HealthScorer() {
        this(HealthWeights.DEFAULT);
    }

    public HealthReport score(CatalogSnapshot snapshot) {
        Set<DatasetId> linked = new HashSet<>();
        for (LineageEdge e : snapshot.lineage()) {
            linked.add(e.upstream());
            linked.add(e.downstream());
        }
        List<DatasetHealth> all = new ArrayList<>(snapshot.datasets().size());
        for (Dataset d : snapshot.datasets()) {
            all.add(score(d, linked.contains(d.id()), snapshot.createdAt()));
        }
        return new HealthReport(all, rollup(all, true), rollup(all, false));
    }

    /** One dataset's health; {@code lineageKnown} says whether any edge touches it. */
    public DatasetHealth score(Dataset d, boolean lineageKnown, Instant now) {
        List<CriterionScore> criteria = new ArrayList<>();
        criteria.add(all(Criterion.DESCRIPTION, d.description() != null, "no description"));
        criteria.add(all(Criterion.OWNERS, !d.owners().isEmpty(), "no owner"));
        criteria.add(fieldDescriptions(d));
        criteria.add(
                all(Criterion.TAGS, !d.tags().isEmpty() || !d.glossaryTerms().isEmpty(), "no tags or glossary terms"));
        criteria.add(all(Criterion.LINEAGE, lineageKnown, "no lineage (neither upstream nor downstream known)"));
        criteria.add(freshness(d, now));
        double earned = 0;
        for (CriterionScore c : criteria) {
            earned += c.points();
        }
        double total = weights.total();
        double score = total == 0 ? 0 : round(earned * 100 / total);
        List<String> owners = d.owners().stream().map(Owner::urn).distinct().toList();
        return new DatasetHealth(d.id(), owners, d.domain(), score, criteria);
    }

    private CriterionScore all(Criterion c, boolean met, String reason) {
        double w = c.weight(weights);
        return new CriterionScore(c, w, met ? w : 0, met || w == 0 ? null : reason);
    }

    private CriterionScore fieldDescriptions(Dataset d) {
        double w = weights.fieldDescriptions();
        List<Field> fields = d.allFields();
        if (fields.isEmpty()) {
            return new CriterionScore(Criterion.FIELD_DESCRIPTIONS, w, 0, w == 0 ? null : "no schema known");
        }
        int described = 0;
        for (Field f : fields) {
            if (f.description() != null) {
                described++;
            }
        }
        double points = round(w * described / fields.size());
        String reason = described == fields.size() || w == 0
                ? null
                : (fields.size() - described) + " of " + fields.size() + " fields have no description";
        return new CriterionScore(Criterion.FIELD_DESCRIPTIONS, w, points, reason);
    }

    private CriterionScore freshness(Dataset d, Instant now) {
        double w = weights.freshness();
        Instant seen = lastSeen(d);
        if (seen == null) {
            return new CriterionScore(
                    Criterion.FRESHNESS,
                    w,
                    0,
                    w == 0 ? null : "schema age unknown (no version and no last-modified time)");
        }
        Duration age = Duration.between(seen, now);
        if (age.compareTo(weights.freshFor()) <= 0) {
            return new CriterionScore(Criterion.FRESHNESS, w, w, null);
        }
        return new CriterionScore(
                Criterion.FRESHNESS,
                w,
                0,
                w == 0
                        ? null
                        : (d.statistics().lastModified() != null ? "data last changed " : "schema last changed ")
                                + age.toDays() + " days ago (limit "
                                + weights.freshFor().toDays() + " days)");
    }

    /**
     * When the data last changed at its source (a file's modification time, an object's
     * LastModified, PostgreSQL's last autovacuum or autoanalyze), as the source reported it. Only
     * when the source cannot tell, the time of the current version: when Lumos last saw the schema
     * change, which for a first version is the first ingest, not a change of the data.
     */
    static Instant lastSeen(Dataset d) {
        Instant m = d.statistics().lastModified();
        if (m != null) {
            return m;
        }
        return d.version() == null ? null : d.version().timestamp();
    }

    private static List<HealthRollup> rollup(List<DatasetHealth> all, boolean byOwner) {
        Map<String, List<Double>> groups = new TreeMap<>();
        for (DatasetHealth h : all) {
            List<String> keys = byOwner
                    ? (h.owners().isEmpty() ? List.of(NO_OWNER) : h.owners())
                    : List.of(h.domain() == null ? NO_DOMAIN : h.domain());
            for (String k : keys) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(h.score());
            }
        }
        List<HealthRollup> out = new ArrayList<>(groups.size());
        groups.forEach((group, scores) -> {
            double sum = 0;
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            int below = 0;
            for (double s : scores) {
                sum += s;
                min = Math.min(min, s);
                max = Math.max(max, s);
                if (s < 50) {
                    below++;
                }
            }
            out.add(new HealthRollup(group, scores.size(), round(sum / scores.size()), min, max, below));
        });
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
