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
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    static boolean matches(Pattern p, DatasetId id) {
        return p.matcher(id.shortName()).matches()
                || p.matcher(id.urn()).matches()
                || p.matcher(id.name()).matches();
    }

    public Dataset apply(Dataset d) {
        Dataset.Builder b = d.toBuilder();
        LinkedHashSet<Owner> owners = new LinkedHashSet<>(d.owners());
        for (int i = 0; i < ownershipPatterns.size(); i++) {
            if (matches(ownershipPatterns.get(i), d.id())) {
                for (OwnerEntry o : config.ownership().get(i).owners()) {
                    owners.add(owner(o, config.ownership().get(i).where()));
                }
            }
        }
        b.owners(new ArrayList<>(owners));
        LinkedHashSet<String> tags = new LinkedHashSet<>(d.tags());
        LinkedHashSet<String> terms = new LinkedHashSet<>(d.glossaryTerms());
        Map<String, String> properties = new TreeMap<>(d.properties());
        for (int i = 0; i < metadataPatterns.size(); i++) {
            if (matches(metadataPatterns.get(i), d.id())) {
                MetadataRule r = config.metadata().get(i);
                if (r.description() != null) {
                    b.description(r.description());
                }
                if (r.domain() != null) {
                    b.domain(r.domain());
                }
                tags.addAll(r.tags());
                terms.addAll(r.glossaryTerms());
                properties.putAll(r.properties());
            }
        }
        return b.tags(new ArrayList<>(tags))
                .glossaryTerms(new ArrayList<>(terms))
                .properties(properties)
                .build();
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
                List<ColumnMapping> columns =
                        l.columns().stream().map(ColumnMapping::parse).toList();
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
