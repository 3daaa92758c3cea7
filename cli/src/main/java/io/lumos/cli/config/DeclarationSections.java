package io.lumos.cli.config;

import io.lumos.cli.config.LumosConfig.LineageDeclaration;
import io.lumos.cli.config.LumosConfig.MetadataRule;
import io.lumos.cli.config.LumosConfig.OwnerEntry;
import io.lumos.cli.config.LumosConfig.OwnershipRule;
import io.lumos.cli.config.YamlNode.Scalar;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Lifecycle;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a config declares about datasets: {@code lineage:}, {@code ownership:} and {@code metadata:}. */
final class DeclarationSections {
    private static final Set<String> LINEAGE_KEYS = Set.of("upstream", "downstream", "type", "confidence", "columns");
    private static final Set<String> OWNERSHIP_KEYS = Set.of("dataset", "owners");
    private static final Set<String> OWNER_KEYS = Set.of("id", "type");
    private static final Set<String> METADATA_KEYS = Set.of(
            "dataset",
            "description",
            "tags",
            "glossary_terms",
            "domain",
            "properties",
            "status",
            "status_note",
            "decommission_on");

    private final ConfigNodes n;

    DeclarationSections(ConfigNodes n) {
        this.n = n;
    }

    List<LineageDeclaration> lineage(YamlNode node) {
        List<LineageDeclaration> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (YamlNode ln : n.sequence(node, "lineage")) {
            Map<String, YamlNode> lm = n.mapping(ln, "lineage entry");
            n.checkKeys(ln, lm, LINEAGE_KEYS, "lineage[].");
            String up = n.required(ln, lm, "upstream");
            String down = n.required(ln, lm, "downstream");
            Double confidence = null;
            if (lm.containsKey("confidence")) {
                String text = n.scalar(lm.get("confidence"), "confidence");
                try {
                    confidence = Double.parseDouble(text == null ? "" : text);
                } catch (NumberFormatException e) {
                    n.problem(lm.get("confidence"), "confidence must be a number between 0 and 1");
                }
            }
            out.add(new LineageDeclaration(
                    up,
                    down,
                    n.optional(lm, "type"),
                    confidence,
                    lm.containsKey("columns") ? new ColumnMappingReader(n).read(lm.get("columns")) : List.of(),
                    n.at(ln)));
        }
        return out;
    }

    List<OwnershipRule> ownership(YamlNode node) {
        List<OwnershipRule> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (YamlNode on : n.sequence(node, "ownership")) {
            Map<String, YamlNode> om = n.mapping(on, "ownership entry");
            n.checkKeys(on, om, OWNERSHIP_KEYS, "ownership[].");
            String dataset = n.required(on, om, "dataset");
            List<OwnerEntry> owners = List.of();
            if (om.containsKey("owners")) {
                owners = owners(om.get("owners"), "owners[].");
            } else {
                n.problem(on, "an ownership entry needs 'owners'");
            }
            out.add(new OwnershipRule(dataset, owners, n.at(on)));
        }
        return out;
    }

    /** A list of owners, each an id or {@code {id, type}}; {@code scope} prefixes unknown keys. */
    List<OwnerEntry> owners(YamlNode node, String scope) {
        List<OwnerEntry> owners = new ArrayList<>();
        for (YamlNode entry : n.sequence(node, "owners")) {
            if (entry instanceof Scalar) {
                owners.add(new OwnerEntry(n.scalar(entry, "owner"), null));
            } else {
                Map<String, YamlNode> em = n.mapping(entry, "owner");
                n.checkKeys(entry, em, OWNER_KEYS, scope);
                owners.add(new OwnerEntry(n.required(entry, em, "id"), n.optional(em, "type")));
            }
        }
        return owners;
    }

    List<MetadataRule> metadata(YamlNode node) {
        List<MetadataRule> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (YamlNode mn : n.sequence(node, "metadata")) {
            Map<String, YamlNode> mm = n.mapping(mn, "metadata entry");
            n.checkKeys(mn, mm, METADATA_KEYS, "metadata[].");
            Map<String, String> props = new LinkedHashMap<>();
            if (mm.containsKey("properties")) {
                n.mapping(mm.get("properties"), "properties").forEach((k, v) -> props.put(k, n.scalar(v, k)));
            }
            out.add(new MetadataRule(
                    n.required(mn, mm, "dataset"),
                    n.optional(mm, "description"),
                    n.optionalStrings(mm, "tags"),
                    n.optionalStrings(mm, "glossary_terms"),
                    n.optional(mm, "domain"),
                    props,
                    n.at(mn),
                    mm.containsKey("status") ? status(mm.get("status")) : null,
                    n.optional(mm, "status_note"),
                    mm.containsKey("decommission_on") ? date(mm.get("decommission_on")) : null));
        }
        return out;
    }

    private DatasetStatus status(YamlNode node) {
        String text = n.scalar(node, "status");
        try {
            return text == null ? null : DatasetStatus.parse(text);
        } catch (IllegalArgumentException e) {
            n.problem(node, e.getMessage());
            return null;
        }
    }

    private LocalDate date(YamlNode node) {
        String text = n.scalar(node, "decommission_on");
        try {
            return text == null ? null : Lifecycle.parseDate(text);
        } catch (IllegalArgumentException e) {
            n.problem(node, "decommission_on: " + e.getMessage());
            return null;
        }
    }
}
