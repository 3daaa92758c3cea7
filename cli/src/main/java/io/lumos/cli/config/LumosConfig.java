package io.lumos.cli.config;

import io.lumos.domain.assertion.Assertion;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.spi.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The YAML config of PRODUCT §5, validated: every key known, every value typed. Plugin sections
 * ({@code platforms.<name>}, each source) stay {@link Settings} for the plugin to read.
 *
 * @param file the config file, or null when running without one
 * @param baseDirectory relative paths in the config resolve against this
 * @param name the config's {@code name:}, or null; see {@link #declarer()}
 */
public record LumosConfig(
        Path file,
        Path baseDirectory,
        List<String> platforms,
        String environment,
        Map<String, Settings> platformSettings,
        String cloudVersionPrefix,
        List<SourceConfig> sources,
        List<LineageDeclaration> lineage,
        List<OwnershipRule> ownership,
        List<MetadataRule> metadata,
        Features features,
        Compatibility compatibility,
        String name,
        List<ProductDeclaration> dataProducts,
        List<Assertion> assertions) {

    public LumosConfig {
        compatibility = compatibility == null ? Compatibility.NONE_DECLARED : compatibility;
        dataProducts = dataProducts == null ? List.of() : List.copyOf(dataProducts);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
    }

    /**
     * Who declared the config's owners and metadata, as the catalog remembers it: {@code name:}
     * when given, else the config file's name. Declarations of another config are left alone.
     */
    public String declarer() {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        return file == null || file.getFileName() == null
                ? "default"
                : file.getFileName().toString();
    }

    public static LumosConfig defaults(Path baseDirectory) {
        return new LumosConfig(
                null,
                baseDirectory,
                List.of("local"),
                "PROD",
                Map.of(),
                "S-",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Features.DEFAULT,
                Compatibility.NONE_DECLARED,
                null,
                List.of(),
                List.of());
    }

    public Settings platformSettings(String platform) {
        Settings s = platformSettings.get(platform);
        return s == null ? Settings.empty("platforms." + platform) : s;
    }

    /** A source as written under {@code sources:}; {@code settings} holds every key, name and type included. */
    public record SourceConfig(String name, String type, Settings settings) {}

    /** A lineage edge declared in config. */
    public record LineageDeclaration(
            String upstream,
            String downstream,
            String type,
            Double confidence,
            List<io.lumos.domain.ColumnMapping> columns,
            String where) {}

    /** Owners for every dataset whose id or shorthand matches {@code dataset} (a glob). */
    public record OwnershipRule(String dataset, List<OwnerEntry> owners, String where) {}

    public record OwnerEntry(String id, String type) {}

    /**
     * Descriptions, tags, domain, terms, properties and lifecycle for datasets matching a glob.
     *
     * @param status {@code active}, {@code deprecated} or {@code removed}, or null when not written
     */
    public record MetadataRule(
            String dataset,
            String description,
            List<String> tags,
            List<String> glossaryTerms,
            String domain,
            Map<String, String> properties,
            String where,
            io.lumos.domain.DatasetStatus status,
            String statusNote,
            java.time.LocalDate decommissionOn) {
        public MetadataRule(
                String dataset,
                String description,
                List<String> tags,
                List<String> glossaryTerms,
                String domain,
                Map<String, String> properties,
                String where) {
            this(dataset, description, tags, glossaryTerms, domain, properties, where, null, null, null);
        }
    }

    /**
     * The catalog features a config turns on.
     *
     * @param removeStale mark removed the datasets a source no longer has ({@code remove_stale})
     * @param removeStaleMaxShare refuse to remove more than this share of a source's datasets at once
     */
    public record Features(boolean schemaTracking, boolean removeStale, double removeStaleMaxShare) {
        public static final double DEFAULT_MAX_SHARE = 0.2;
        public static final Features DEFAULT = new Features(true);

        public Features(boolean schemaTracking) {
            this(schemaTracking, false, DEFAULT_MAX_SHARE);
        }
    }

    /**
     * A data product as {@code data_products:} declares it: the datasets are ids and globs, as
     * {@code ownership:} takes them.
     */
    public record ProductDeclaration(
            String name,
            String description,
            String domain,
            List<OwnerEntry> owners,
            List<String> datasets,
            Integer freshnessHours,
            CompatibilityMode compatibility,
            String support,
            String where) {
        public ProductDeclaration {
            owners = owners == null ? List.of() : List.copyOf(owners);
            datasets = datasets == null ? List.of() : List.copyOf(datasets);
        }
    }

    /**
     * The {@code compatibility:} section: the mode of datasets no entry matches ({@code null} when
     * not written, so that {@code --mode} can take its place) and per-dataset modes by glob.
     */
    public record Compatibility(CompatibilityMode defaultMode, List<ModeRule> datasets) {
        public static final Compatibility NONE_DECLARED = new Compatibility(null, List.of());

        public Compatibility {
            datasets = datasets == null ? List.of() : List.copyOf(datasets);
        }
    }

    /** The mode of every dataset whose id, shorthand or name matches {@code dataset} (a glob, as ownership). */
    public record ModeRule(String dataset, CompatibilityMode mode, String where) {}
}
