package io.lumos.cli.service;

import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.config.LumosConfig.LineageDeclaration;
import io.lumos.cli.config.LumosConfig.MetadataRule;
import io.lumos.cli.config.LumosConfig.OwnerEntry;
import io.lumos.cli.config.LumosConfig.OwnershipRule;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Applies what the config declares about datasets: owners, descriptions, tags, domains, lineage. */
public final class ConfigRules {
    private final LumosConfig config;
    private final List<Pattern> ownershipPatterns = new ArrayList<>();
    private final List<Pattern> metadataPatterns = new ArrayList<>();

    public ConfigRules(LumosConfig config) {
        this.config = config;
        for (OwnershipRule r : config.ownership()) {
            ownershipPatterns.add(glob(r.dataset()));
        }
        for (MetadataRule r : config.metadata()) {
            metadataPatterns.add(glob(r.dataset()));
        }
    }

    /** A glob over dataset ids: matched against the shorthand, the URN and the bare name. */
    public static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    public static boolean matches(Pattern p, DatasetId id) {
        return p.matcher(id.shortName()).matches()
                || p.matcher(id.urn()).matches()
                || p.matcher(id.name()).matches();
    }

    /**
     * The scanned dataset as the catalog should hold it: what other configs declared about it
     * (remembered in {@code stored}'s {@link #DECLARED_BY} properties) stays, and this config's
     * declarations are remembered under {@link LumosConfig#declarer()}. What this config declared
     * before and no longer does is gone, because nothing carries it over. Where two configs set the
     * same description or domain, the one whose name sorts last wins.
     *
     * @param stored the dataset as the catalog holds it now, or null
     */
    public Dataset apply(Dataset scanned, Dataset stored) {
        String mine = DECLARED_BY + config.declarer();
        Map<String, String> properties = new TreeMap<>(scanned.properties());
        properties.keySet().removeIf(k -> k.startsWith(DECLARED_BY));
        // Every config's declarations, in the order of their names: the result does not depend on
        // which config ran last, so alternating ingests make no new versions.
        Map<String, Declaration> declarations = new TreeMap<>();
        if (stored != null) {
            for (Map.Entry<String, String> e : stored.properties().entrySet()) {
                if (e.getKey().startsWith(DECLARED_BY) && !e.getKey().equals(mine)) {
                    declarations.put(e.getKey(), Declaration.parse(e.getValue()));
                    properties.put(e.getKey(), e.getValue());
                }
            }
        }
        Declaration own = declared(scanned.id());
        if (!own.isEmpty()) {
            declarations.put(mine, own);
            properties.put(mine, own.toJson());
        }
        Declaration merged = Declaration.EMPTY;
        for (Declaration d : declarations.values()) {
            merged = merged.then(d);
        }
        Dataset out = merged.applyTo(scanned.toBuilder().properties(properties).build());
        io.lumos.domain.Lifecycle lifecycle = lifecycle(scanned.id());
        return lifecycle == null ? out : lifecycle.applyTo(out);
    }

    /**
     * The lifecycle the config's {@code metadata:} entries give a dataset (the last entry that sets
     * a status wins), or null when none does.
     */
    public io.lumos.domain.Lifecycle lifecycle(DatasetId id) {
        io.lumos.domain.Lifecycle out = null;
        for (int i = 0; i < metadataPatterns.size(); i++) {
            MetadataRule r = config.metadata().get(i);
            if (r.status() != null && matches(metadataPatterns.get(i), id)) {
                out = new io.lumos.domain.Lifecycle(r.status(), r.statusNote(), r.decommissionOn(), null);
            }
        }
        return out;
    }

    /** The property prefix under which a dataset remembers what each config declared about it. */
    public static final String DECLARED_BY = "lumos.declared_by.";

    /** What this config declares about one dataset. */
    private Declaration declared(DatasetId id) {
        LinkedHashSet<Owner> owners = new LinkedHashSet<>();
        for (int i = 0; i < ownershipPatterns.size(); i++) {
            if (matches(ownershipPatterns.get(i), id)) {
                for (OwnerEntry o : config.ownership().get(i).owners()) {
                    owners.add(owner(o, config.ownership().get(i).where()));
                }
            }
        }
        String description = null;
        String domain = null;
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        LinkedHashSet<String> terms = new LinkedHashSet<>();
        Map<String, String> properties = new TreeMap<>();
        for (int i = 0; i < metadataPatterns.size(); i++) {
            if (matches(metadataPatterns.get(i), id)) {
                MetadataRule r = config.metadata().get(i);
                description = r.description() != null ? r.description() : description;
                domain = r.domain() != null ? r.domain() : domain;
                tags.addAll(r.tags());
                terms.addAll(r.glossaryTerms());
                properties.putAll(r.properties());
            }
        }
        return new Declaration(
                new ArrayList<>(owners),
                description,
                domain,
                new ArrayList<>(tags),
                new ArrayList<>(terms),
                properties);
    }

    /** Owners and metadata one config declares about one dataset, as stored beside the dataset. */
    record Declaration(
            List<Owner> owners,
            String description,
            String domain,
            List<String> tags,
            List<String> glossaryTerms,
            Map<String, String> properties) {
        static final Declaration EMPTY = new Declaration(List.of(), null, null, List.of(), List.of(), Map.of());
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        boolean isEmpty() {
            return equals(EMPTY);
        }

        /** This declaration, then {@code later}'s on top (a later description or domain wins). */
        Declaration then(Declaration later) {
            LinkedHashSet<Owner> o = new LinkedHashSet<>(owners);
            o.addAll(later.owners);
            LinkedHashSet<String> t = new LinkedHashSet<>(tags);
            t.addAll(later.tags);
            LinkedHashSet<String> g = new LinkedHashSet<>(glossaryTerms);
            g.addAll(later.glossaryTerms);
            Map<String, String> p = new TreeMap<>(properties);
            p.putAll(later.properties);
            return new Declaration(
                    new ArrayList<>(o),
                    later.description != null ? later.description : description,
                    later.domain != null ? later.domain : domain,
                    new ArrayList<>(t),
                    new ArrayList<>(g),
                    p);
        }

        Dataset applyTo(Dataset d) {
            LinkedHashSet<Owner> o = new LinkedHashSet<>(d.owners());
            o.addAll(owners);
            LinkedHashSet<String> t = new LinkedHashSet<>(d.tags());
            t.addAll(tags);
            LinkedHashSet<String> g = new LinkedHashSet<>(d.glossaryTerms());
            g.addAll(glossaryTerms);
            Map<String, String> p = new TreeMap<>(d.properties());
            p.putAll(properties);
            Dataset.Builder b = d.toBuilder()
                    .owners(new ArrayList<>(o))
                    .tags(new ArrayList<>(t))
                    .glossaryTerms(new ArrayList<>(g))
                    .properties(p);
            if (description != null) {
                b.description(description);
            }
            if (domain != null) {
                b.domain(domain);
            }
            return b.build();
        }

        String toJson() {
            var node = JSON.createObjectNode();
            if (!owners.isEmpty()) {
                var a = node.putArray("owners");
                owners.forEach(o -> a.addObject().put("urn", o.urn()).put("type", o.type()));
            }
            if (description != null) {
                node.put("description", description);
            }
            if (domain != null) {
                node.put("domain", domain);
            }
            if (!tags.isEmpty()) {
                tags.forEach(node.withArray("tags")::add);
            }
            if (!glossaryTerms.isEmpty()) {
                glossaryTerms.forEach(node.withArray("glossaryTerms")::add);
            }
            if (!properties.isEmpty()) {
                var p = node.putObject("properties");
                properties.forEach(p::put);
            }
            return node.toString();
        }

        /** A stored declaration; one that cannot be read (edited by hand) counts as none. */
        static Declaration parse(String json) {
            try {
                var node = JSON.readTree(json);
                List<Owner> owners = new ArrayList<>();
                node.path("owners")
                        .forEach(o -> owners.add(
                                new Owner(o.path("urn").asText(), o.path("type").asText(null))));
                List<String> tags = new ArrayList<>();
                node.path("tags").forEach(t -> tags.add(t.asText()));
                List<String> terms = new ArrayList<>();
                node.path("glossaryTerms").forEach(t -> terms.add(t.asText()));
                Map<String, String> properties = new TreeMap<>();
                node.path("properties")
                        .properties()
                        .forEach(e -> properties.put(e.getKey(), e.getValue().asText()));
                return new Declaration(
                        owners,
                        node.path("description").asText(null),
                        node.path("domain").asText(null),
                        tags,
                        terms,
                        properties);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                return EMPTY;
            }
        }
    }

    private static Owner owner(OwnerEntry o, String where) {
        try {
            return new Owner(o.id(), o.type());
        } catch (IllegalArgumentException e) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, where + ": " + e.getMessage());
        }
    }

    /** The lineage edges declared in config. */
    public List<LineageEdge> lineage(Instant at) {
        List<LineageEdge> out = new ArrayList<>();
        for (LineageDeclaration l : config.lineage()) {
            try {
                List<ColumnMapping> columns = l.columns();
                out.add(new LineageEdge(
                        DatasetId.parse(l.upstream(), config.environment()),
                        DatasetId.parse(l.downstream(), config.environment()),
                        l.type() == null ? LineageType.TRANSFORMED : LineageType.parse(l.type()),
                        l.confidence() == null ? 1.0 : l.confidence(),
                        at,
                        "config",
                        columns));
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.CONFIG_INVALID, l.where() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
