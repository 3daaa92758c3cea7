package io.lumos.cli.config;

import io.lumos.cli.config.LumosConfig.Compatibility;
import io.lumos.cli.config.LumosConfig.Features;
import io.lumos.cli.config.LumosConfig.LineageDeclaration;
import io.lumos.cli.config.LumosConfig.MetadataRule;
import io.lumos.cli.config.LumosConfig.ModeRule;
import io.lumos.cli.config.LumosConfig.OwnerEntry;
import io.lumos.cli.config.LumosConfig.OwnershipRule;
import io.lumos.cli.config.LumosConfig.ProductDeclaration;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.domain.assertion.Assertion;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.Severity;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.IoProblems;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML config strictly: unknown keys are errors with "did you mean", {@code ${VAR}} comes
 * from the environment, and every problem is reported at once with file, line and column.
 */
public final class ConfigLoader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Set<String> ROOT_KEYS = Set.of(
            "name",
            "platform",
            "environment",
            "platforms",
            "versioning",
            "sources",
            "lineage",
            "ownership",
            "metadata",
            "features",
            "compatibility",
            "data_products",
            "assertions");
    private static final Set<String> VERSIONING_KEYS = Set.of("cloud_version_prefix");
    private static final Set<String> FEATURE_KEYS = Set.of("schema_tracking", "remove_stale", "remove_stale_max_share");
    private static final Set<String> PRODUCT_KEYS = Set.of(
            "name", "description", "domain", "owners", "datasets", "freshness_hours", "compatibility", "support");
    /** Feature switches that were accepted once but never changed anything. */
    private static final Map<String, String> REMOVED_FEATURES = Map.of(
            "auto_detection", "file formats are always detected from the name, else the content",
            "cost_attribution", "the cost extract (extract -t cost) always attributes costs");

    private static final Set<String> LINEAGE_KEYS = Set.of("upstream", "downstream", "type", "confidence", "columns");
    private static final Set<String> OWNERSHIP_KEYS = Set.of("dataset", "owners");
    private static final Set<String> OWNER_KEYS = Set.of("id", "type");
    private static final Set<String> COMPATIBILITY_KEYS = Set.of("default", "datasets");
    private static final Set<String> MODE_RULE_KEYS = Set.of("dataset", "mode");
    private static final String MODE_NAMES = String.join(
            ", ",
            java.util.Arrays.stream(CompatibilityMode.values()).map(Enum::name).toList());
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

    private static final Set<String> ASSERTION_KEYS =
            Set.of("dataset", "severity", "row_count", "fields", "unique", "freshness", "schema");
    private static final Set<String> ROW_COUNT_KEYS = Set.of("min", "max");
    private static final Set<String> ASSERTED_FIELD_KEYS = Set.of("type", "nullable");
    private static final Set<String> SCHEMA_ASSERTION_KEYS = Set.of("mode");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    private String fileName;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Loads a config file. {@code knownPlatforms} and {@code sourceKeys} come from the plugins: the
     * keys a source type accepts (empty set = not checked), so that a typo in a source is caught
     * before anything runs.
     */
    public LumosConfig load(Path file, Set<String> knownPlatforms, Function<String, Set<String>> sourceKeys) {
        fileName = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID, "config file " + file + " does not exist; check -c/--config");
        } catch (IOException e) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, "config file " + file + ": " + IoProblems.describe(e));
        }
        Node root;
        try (Reader reader = new java.io.StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            throw new LumosException(ErrorCode.CONFIG_INVALID, at(m) + ": invalid YAML: " + e.getProblem());
        } catch (IOException | RuntimeException e) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, fileName + ": invalid YAML: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        if (root == null) {
            return LumosConfig.defaults(base);
        }
        duplicateKeys(root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        Map<String, Node> top = mapping(root, "the document");
        Node configNode = top.get("lumos_config");
        if (configNode == null) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    at(root.getStartMark())
                            + ": the config must start with 'lumos_config:' (see config-samples/quickstart.yaml)");
        }
        for (String key : top.keySet()) {
            if (!key.equals("lumos_config")) {
                unknown(keyNode(root, key), key, Set.of("lumos_config"), "");
            }
        }
        LumosConfig config = parse(configNode, base, knownPlatforms, sourceKeys);
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingLong(ConfigLoader::position));
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    problems.size() == 1
                            ? problems.get(0)
                            : problems.size() + " problems in " + fileName + ":\n  " + String.join("\n  ", problems));
        }
        return config;
    }

    private LumosConfig parse(
            Node node, Path base, Set<String> knownPlatforms, Function<String, Set<String>> sourceKeys) {
        Map<String, Node> m = mapping(node, "lumos_config");
        checkKeys(node, m, ROOT_KEYS, "lumos_config.");

        List<String> platforms = new ArrayList<>();
        Node p = m.get("platform");
        if (p == null) {
            platforms.add("local");
        } else if (p instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                platforms.add(scalar(item, "platform"));
            }
        } else {
            platforms.add(scalar(p, "platform"));
        }
        for (int i = 0; i < platforms.size(); i++) {
            String name = platforms.get(i);
            if (name != null && !knownPlatforms.contains(name)) {
                Node where = p instanceof SequenceNode seq ? seq.getValue().get(i) : p;
                String hint = Settings.didYouMean(name, knownPlatforms);
                problems.add(at(where.getStartMark()) + ": unknown platform '" + name + "'"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "")
                        + " (installed: " + String.join(", ", sorted(knownPlatforms)) + ")");
            }
        }

        String configName = m.containsKey("name") ? scalar(m.get("name"), "name") : null;
        String environment = m.containsKey("environment") ? scalar(m.get("environment"), "environment") : "PROD";

        Map<String, Settings> platformSettings = new LinkedHashMap<>();
        if (m.containsKey("platforms")) {
            Node pn = m.get("platforms");
            Map<String, Node> pm = mapping(pn, "platforms");
            for (Map.Entry<String, Node> e : pm.entrySet()) {
                String name = e.getKey();
                if (!knownPlatforms.contains(name)) {
                    String hint = Settings.didYouMean(name, knownPlatforms);
                    problems.add(at(keyNode(pn, name).getStartMark()) + ": unknown platform '" + name
                            + "' under platforms" + (hint != null ? "; did you mean '" + hint + "'?" : ""));
                    continue;
                }
                // Variables of platforms that are not in use need not be set.
                boolean active = platforms.contains(name);
                platformSettings.put(name, settings(e.getValue(), "platforms." + name, active));
            }
        }

        String prefix = "S-";
        if (m.containsKey("versioning")) {
            Node vn = m.get("versioning");
            Map<String, Node> vm = mapping(vn, "versioning");
            checkKeys(vn, vm, VERSIONING_KEYS, "versioning.");
            if (vm.containsKey("cloud_version_prefix")) {
                prefix = scalar(vm.get("cloud_version_prefix"), "cloud_version_prefix");
            }
        }

        List<SourceConfig> sources = new ArrayList<>();
        Set<String> sourceNames = new HashSet<>();
        if (m.containsKey("sources")) {
            int i = 0;
            for (Node sn : sequence(m.get("sources"), "sources")) {
                String scope = "sources[" + i++ + "]";
                Map<String, Node> sm = mapping(sn, scope);
                String type = sm.containsKey("type") ? scalar(sm.get("type"), "type") : null;
                String name = sm.containsKey("name") ? scalar(sm.get("name"), "name") : null;
                if (type == null) {
                    problems.add(at(sn.getStartMark()) + ": " + scope + " needs a 'type' (e.g. csv, postgres, s3)");
                    continue;
                }
                Set<String> keys = sourceKeys.apply(type);
                if (keys == null) {
                    String hint = Settings.didYouMean(type, knownSourceTypes);
                    problems.add(at(sm.get("type").getStartMark()) + ": unknown source type '" + type + "'"
                            + (hint != null ? "; did you mean '" + hint + "'?" : "")
                            + " (installed: " + String.join(", ", sorted(knownSourceTypes)) + ")");
                    continue;
                }
                if (name == null) {
                    name = type + (i > 1 ? String.valueOf(i) : "");
                }
                if (!sourceNames.add(name)) {
                    problems.add(
                            at(sn.getStartMark()) + ": two sources are named '" + name + "'; names must be unique");
                }
                if (!keys.isEmpty()) {
                    Set<String> allowed = new HashSet<>(keys);
                    allowed.add("name");
                    allowed.add("type");
                    checkKeys(sn, sm, allowed, scope + ".");
                }
                sources.add(new SourceConfig(name, type, settings(sn, "sources." + name, true)));
            }
        }

        List<LineageDeclaration> lineage = new ArrayList<>();
        if (m.containsKey("lineage")) {
            for (Node ln : sequence(m.get("lineage"), "lineage")) {
                Map<String, Node> lm = mapping(ln, "lineage entry");
                checkKeys(ln, lm, LINEAGE_KEYS, "lineage[].");
                String up = required(ln, lm, "upstream");
                String down = required(ln, lm, "downstream");
                Double confidence = null;
                if (lm.containsKey("confidence")) {
                    try {
                        confidence = Double.parseDouble(scalar(lm.get("confidence"), "confidence"));
                    } catch (NumberFormatException e) {
                        problems.add(at(lm.get("confidence").getStartMark())
                                + ": confidence must be a number between 0 and 1");
                    }
                }
                lineage.add(new LineageDeclaration(
                        up,
                        down,
                        lm.containsKey("type") ? scalar(lm.get("type"), "type") : null,
                        confidence,
                        lm.containsKey("columns")
                                ? new ColumnMappingReader(this::at, this::scalar, problems).read(lm.get("columns"))
                                : List.of(),
                        at(ln.getStartMark())));
            }
        }

        List<OwnershipRule> ownership = new ArrayList<>();
        if (m.containsKey("ownership")) {
            for (Node on : sequence(m.get("ownership"), "ownership")) {
                Map<String, Node> om = mapping(on, "ownership entry");
                checkKeys(on, om, OWNERSHIP_KEYS, "ownership[].");
                String dataset = required(on, om, "dataset");
                List<OwnerEntry> owners = new ArrayList<>();
                if (om.containsKey("owners")) {
                    for (Node entry : sequence(om.get("owners"), "owners")) {
                        if (entry instanceof ScalarNode) {
                            owners.add(new OwnerEntry(scalar(entry, "owner"), null));
                        } else {
                            Map<String, Node> em = mapping(entry, "owner");
                            checkKeys(entry, em, OWNER_KEYS, "owners[].");
                            owners.add(new OwnerEntry(
                                    required(entry, em, "id"),
                                    em.containsKey("type") ? scalar(em.get("type"), "type") : null));
                        }
                    }
                } else {
                    problems.add(at(on.getStartMark()) + ": an ownership entry needs 'owners'");
                }
                ownership.add(new OwnershipRule(dataset, owners, at(on.getStartMark())));
            }
        }

        List<MetadataRule> metadata = new ArrayList<>();
        if (m.containsKey("metadata")) {
            for (Node mn : sequence(m.get("metadata"), "metadata")) {
                Map<String, Node> mm = mapping(mn, "metadata entry");
                checkKeys(mn, mm, METADATA_KEYS, "metadata[].");
                Map<String, String> props = new LinkedHashMap<>();
                if (mm.containsKey("properties")) {
                    for (Map.Entry<String, Node> e :
                            mapping(mm.get("properties"), "properties").entrySet()) {
                        props.put(e.getKey(), scalar(e.getValue(), e.getKey()));
                    }
                }
                metadata.add(new MetadataRule(
                        required(mn, mm, "dataset"),
                        mm.containsKey("description") ? scalar(mm.get("description"), "description") : null,
                        mm.containsKey("tags") ? strings(mm.get("tags"), "tags") : List.of(),
                        mm.containsKey("glossary_terms")
                                ? strings(mm.get("glossary_terms"), "glossary_terms")
                                : List.of(),
                        mm.containsKey("domain") ? scalar(mm.get("domain"), "domain") : null,
                        props,
                        at(mn.getStartMark()),
                        mm.containsKey("status") ? status(mm.get("status")) : null,
                        mm.containsKey("status_note") ? scalar(mm.get("status_note"), "status_note") : null,
                        mm.containsKey("decommission_on") ? date(mm.get("decommission_on")) : null));
            }
        }

        Features features = Features.DEFAULT;
        if (m.containsKey("features")) {
            Node fn = m.get("features");
            Map<String, Node> fm = mapping(fn, "features");
            for (String key : fm.keySet()) {
                if (REMOVED_FEATURES.containsKey(key)) {
                    problems.add(at(keyNode(fn, key).getStartMark()) + ": 'features." + key
                            + "' is not a setting (it never changed anything: " + REMOVED_FEATURES.get(key)
                            + "); remove the line");
                } else if (!FEATURE_KEYS.contains(key)) {
                    unknown(keyNode(fn, key), key, FEATURE_KEYS, "features.");
                }
            }
            features = new Features(
                    bool(fm, "schema_tracking", true),
                    bool(fm, "remove_stale", false),
                    share(fm, "remove_stale_max_share"));
        }
        List<ProductDeclaration> products = new ArrayList<>();
        if (m.containsKey("data_products")) {
            Set<String> names = new HashSet<>();
            for (Node pn : sequence(m.get("data_products"), "data_products")) {
                ProductDeclaration d = product(pn);
                if (d != null && !names.add(d.name())) {
                    problems.add(d.where() + ": two data products are named '" + d.name() + "'; names must be unique");
                }
                if (d != null) {
                    products.add(d);
                }
            }
        }
        Compatibility compatibility = Compatibility.NONE_DECLARED;
        if (m.containsKey("compatibility")) {
            compatibility = compatibility(m.get("compatibility"));
        }
        List<Assertion> assertions = new ArrayList<>();
        if (m.containsKey("assertions")) {
            for (Node an : sequence(m.get("assertions"), "assertions")) {
                assertions.addAll(assertions(an));
            }
        }
        return new LumosConfig(
                Path.of(fileName),
                base,
                platforms,
                environment,
                platformSettings,
                prefix,
                sources,
                lineage,
                ownership,
                metadata,
                features,
                compatibility,
                configName,
                products,
                assertions);
    }

    /** One {@code data_products:} entry, or null when it is too broken to use (the problems say why). */
    private ProductDeclaration product(Node node) {
        Map<String, Node> pm = mapping(node, "a data_products entry");
        checkKeys(node, pm, PRODUCT_KEYS, "data_products[].");
        String name = required(node, pm, "name");
        if (name != null && !name.matches("[A-Za-z0-9_.\\-]+")) {
            problems.add(at(pm.get("name").getStartMark()) + ": data product name '" + name
                    + "' may hold only letters, digits, '_', '.' and '-' (it becomes urn:li:dataProduct:NAME)");
            name = null;
        }
        List<OwnerEntry> owners = new ArrayList<>();
        if (pm.containsKey("owners")) {
            for (Node entry : sequence(pm.get("owners"), "owners")) {
                if (entry instanceof ScalarNode) {
                    owners.add(new OwnerEntry(scalar(entry, "owner"), null));
                } else {
                    Map<String, Node> em = mapping(entry, "owner");
                    checkKeys(entry, em, OWNER_KEYS, "data_products[].owners[].");
                    owners.add(new OwnerEntry(
                            required(entry, em, "id"), em.containsKey("type") ? scalar(em.get("type"), "type") : null));
                }
            }
        }
        List<String> datasets = List.of();
        if (pm.containsKey("datasets")) {
            datasets = strings(pm.get("datasets"), "datasets");
        } else {
            problems.add(
                    at(node.getStartMark()) + ": a data product needs 'datasets' (ids or globs, as ownership takes)");
        }
        Integer freshness = null;
        if (pm.containsKey("freshness_hours")) {
            String text = scalar(pm.get("freshness_hours"), "freshness_hours");
            try {
                freshness = text == null ? null : Integer.valueOf(text.strip());
                if (freshness != null && freshness <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(at(pm.get("freshness_hours").getStartMark())
                        + ": freshness_hours must be a whole number of hours above 0, not '" + text + "'");
                freshness = null;
            }
        }
        CompatibilityMode mode = pm.containsKey("compatibility") ? mode(pm.get("compatibility")) : null;
        if (name == null) {
            return null;
        }
        return new ProductDeclaration(
                name,
                pm.containsKey("description") ? scalar(pm.get("description"), "description") : null,
                pm.containsKey("domain") ? scalar(pm.get("domain"), "domain") : null,
                owners,
                datasets,
                freshness,
                mode,
                pm.containsKey("support") ? scalar(pm.get("support"), "support") : null,
                at(node.getStartMark()));
    }

    private io.lumos.domain.DatasetStatus status(Node node) {
        String text = scalar(node, "status");
        try {
            return text == null ? null : io.lumos.domain.DatasetStatus.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(at(node.getStartMark()) + ": " + e.getMessage());
            return null;
        }
    }

    private java.time.LocalDate date(Node node) {
        String text = scalar(node, "decommission_on");
        try {
            return text == null ? null : io.lumos.domain.Lifecycle.parseDate(text);
        } catch (IllegalArgumentException e) {
            problems.add(at(node.getStartMark()) + ": decommission_on: " + e.getMessage());
            return null;
        }
    }

    private double share(Map<String, Node> m, String key) {
        if (!m.containsKey(key)) {
            return Features.DEFAULT_MAX_SHARE;
        }
        String text = scalar(m.get(key), key);
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip());
            if (v < 0 || v > 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(at(m.get(key).getStartMark()) + ": " + key
                    + " must be a share between 0 and 1 (e.g. 0.2), not '" + text + "'");
            return Features.DEFAULT_MAX_SHARE;
        }
    }

    /**
     * One {@code assertions:} entry: {@code {dataset, severity, row_count: {min, max}, fields: {NAME:
     * {type, nullable}}, unique: [COLUMNS], freshness: 24h, schema: MODE}}, one assertion per check.
     */
    private List<Assertion> assertions(Node node) {
        Map<String, Node> am = mapping(node, "an assertions entry");
        checkKeys(node, am, ASSERTION_KEYS, "assertions[].");
        String dataset = required(node, am, "dataset");
        String where = at(node.getStartMark());
        List<Assertion> out = new ArrayList<>();
        if (dataset == null) {
            return out;
        }
        Severity severity = null;
        if (am.containsKey("severity")) {
            String text = scalar(am.get("severity"), "severity");
            try {
                severity = Severity.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(at(am.get("severity").getStartMark()) + ": severity '" + text
                        + "' is not one of BREAKING, NON_BREAKING, INFO");
            }
        }
        int before = problems.size();
        if (am.containsKey("row_count")) {
            Node rn = am.get("row_count");
            Map<String, Node> rm = mapping(rn, "row_count");
            checkKeys(rn, rm, ROW_COUNT_KEYS, "assertions[].row_count.");
            Long min = rm.containsKey("min") ? count(rm.get("min"), "row_count.min") : null;
            Long max = rm.containsKey("max") ? count(rm.get("max"), "row_count.max") : null;
            if (min == null && max == null) {
                problems.add(at(rn.getStartMark()) + ": row_count needs min, max or both (e.g. {min: 1})");
            } else if (min != null && max != null && min > max) {
                problems.add(at(rn.getStartMark()) + ": row_count min " + min + " is above max " + max);
            } else {
                out.add(Assertion.rowCount(dataset, min, max, severity, where));
            }
        }
        if (am.containsKey("fields")) {
            Node fn = am.get("fields");
            for (Map.Entry<String, Node> e : mapping(fn, "fields").entrySet()) {
                String field = e.getKey();
                Node spec = e.getValue();
                if (spec instanceof ScalarNode sn
                        && (sn.getValue().isEmpty() || sn.getTag().equals(Tag.NULL))) {
                    out.add(Assertion.fieldType(dataset, field, null, severity, where));
                    continue;
                }
                Map<String, Node> fm = mapping(spec, "fields." + field);
                checkKeys(spec, fm, ASSERTED_FIELD_KEYS, "assertions[].fields." + field + ".");
                io.lumos.domain.DataType type = null;
                if (fm.containsKey("type")) {
                    String text = scalar(fm.get("type"), "type");
                    try {
                        type = io.lumos.domain.DataTypes.parse(text);
                    } catch (IllegalArgumentException e2) {
                        problems.add(at(fm.get("type").getStartMark()) + ": '" + text + "' is not a type string ("
                                + e2.getMessage() + "); write it as scan prints it, e.g. decimal(12,2) or int64");
                        continue;
                    }
                }
                out.add(Assertion.fieldType(dataset, field, type, severity, where));
                if (fm.containsKey("nullable") && !bool(fm, "nullable", true)) {
                    out.add(Assertion.notNull(dataset, field, severity, where));
                }
            }
        }
        if (am.containsKey("unique")) {
            Node un = am.get("unique");
            List<String> key = un instanceof ScalarNode ? List.of(scalar(un, "unique")) : strings(un, "unique");
            if (key.isEmpty()) {
                problems.add(at(un.getStartMark()) + ": unique needs at least one column, e.g. [id]");
            } else {
                out.add(Assertion.unique(dataset, key, severity, where));
            }
        }
        if (am.containsKey("freshness")) {
            Node fn = am.get("freshness");
            String text = scalar(fn, "freshness");
            java.time.Duration age = duration(text);
            if (age == null) {
                problems.add(at(fn.getStartMark()) + ": freshness '" + text
                        + "' is not a duration; write a number and a unit: 30m, 24h, 7d");
            } else {
                out.add(Assertion.freshness(dataset, age, severity, where));
            }
        }
        if (am.containsKey("schema")) {
            Node sn = am.get("schema");
            Node modeNode = sn;
            if (sn instanceof MappingNode) {
                Map<String, Node> sm = mapping(sn, "schema");
                checkKeys(sn, sm, SCHEMA_ASSERTION_KEYS, "assertions[].schema.");
                modeNode = sm.get("mode");
                if (modeNode == null) {
                    problems.add(at(sn.getStartMark()) + ": schema needs a mode (one of " + MODE_NAMES + ")");
                }
            }
            CompatibilityMode mode = modeNode == null ? null : mode(modeNode);
            if (mode != null) {
                out.add(Assertion.schema(dataset, mode, severity, where));
            }
        }
        if (out.isEmpty() && problems.size() == before) {
            problems.add(where + ": the assertion on '" + dataset
                    + "' checks nothing; add row_count, fields, unique, freshness or schema");
        }
        return out;
    }

    private Long count(Node node, String what) {
        String text = scalar(node, what);
        try {
            long v = Long.parseLong(text == null ? "" : text.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(
                    at(node.getStartMark()) + ": " + what + " must be a whole number, at least 0, not '" + text + "'");
            return null;
        }
    }

    /** {@code 30s}, {@code 15m}, {@code 24h}, {@code 7d}, or ISO-8601 {@code PT24H}; null when not a duration. */
    static java.time.Duration duration(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        Matcher m = Pattern.compile("(\\d+)\\s*([smhdw])").matcher(t.toLowerCase(java.util.Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                java.time.Duration d =
                        switch (m.group(2)) {
                            case "s" -> java.time.Duration.ofSeconds(n);
                            case "m" -> java.time.Duration.ofMinutes(n);
                            case "h" -> java.time.Duration.ofHours(n);
                            case "d" -> java.time.Duration.ofDays(n);
                            default -> java.time.Duration.ofDays(7 * n);
                        };
                return d.isZero() ? null : d;
            }
            java.time.Duration d = java.time.Duration.parse(t);
            return d.isNegative() || d.isZero() ? null : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code compatibility:}: a default mode and modes per dataset glob, first match wins. */
    private Compatibility compatibility(Node node) {
        Map<String, Node> cm = mapping(node, "compatibility");
        checkKeys(node, cm, COMPATIBILITY_KEYS, "compatibility.");
        CompatibilityMode defaultMode = cm.containsKey("default") ? mode(cm.get("default")) : null;
        List<ModeRule> rules = new ArrayList<>();
        if (cm.containsKey("datasets")) {
            for (Node rn : sequence(cm.get("datasets"), "compatibility.datasets")) {
                Map<String, Node> rm = mapping(rn, "a compatibility.datasets entry");
                checkKeys(rn, rm, MODE_RULE_KEYS, "compatibility.datasets[].");
                String dataset = required(rn, rm, "dataset");
                CompatibilityMode mode = null;
                if (rm.containsKey("mode")) {
                    mode = mode(rm.get("mode"));
                } else {
                    problems.add(at(rn.getStartMark()) + ": 'mode' is required here (one of " + MODE_NAMES + ")");
                }
                if (dataset != null && mode != null) {
                    rules.add(new ModeRule(dataset, mode, at(rn.getStartMark())));
                }
            }
        }
        return new Compatibility(defaultMode, rules);
    }

    private CompatibilityMode mode(Node node) {
        String text = scalar(node, "a compatibility mode");
        if (text == null) {
            problems.add(at(node.getStartMark()) + ": a compatibility mode is missing; use one of " + MODE_NAMES);
            return null;
        }
        try {
            return CompatibilityMode.parse(text);
        } catch (IllegalArgumentException e) {
            Set<String> names = new HashSet<>();
            for (CompatibilityMode c : CompatibilityMode.values()) {
                names.add(c.name());
            }
            String hint = Settings.didYouMean(text.strip().toUpperCase(java.util.Locale.ROOT), names);
            problems.add(at(node.getStartMark()) + ": unknown compatibility mode '" + text + "'"
                    + (hint != null ? "; did you mean '" + hint + "'?" : "") + " (valid: " + MODE_NAMES + ")");
            return null;
        }
    }

    private Set<String> knownSourceTypes = Set.of();

    /** The source types the plugins offer, for "did you mean". */
    public ConfigLoader sourceTypes(Set<String> types) {
        this.knownSourceTypes = types;
        return this;
    }

    // ------------------------------------------------------------------ YAML helpers

    private Settings settings(Node node, String scope, boolean resolveVariables) {
        Map<String, String> locations = new LinkedHashMap<>();
        Object value = plain(node, "", locations, resolveVariables);
        if (!(value instanceof Map)) {
            problems.add(at(node.getStartMark()) + ": " + scope + " must be a mapping (key: value lines)");
            return Settings.empty(scope);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return new Settings(scope, map, locations);
    }

    /** The node as plain maps, lists and strings, recording where each key was written. */
    private Object plain(Node node, String path, Map<String, String> locations, boolean resolveVariables) {
        if (node instanceof MappingNode mn) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : mn.getValue()) {
                String key = scalar(t.getKeyNode(), "key");
                String keyPath = path.isEmpty() ? key : path + "." + key;
                locations.put(keyPath, at(t.getKeyNode().getStartMark()));
                out.put(key, plain(t.getValueNode(), keyPath, locations, resolveVariables));
            }
            return out;
        }
        if (node instanceof SequenceNode sn) {
            List<Object> out = new ArrayList<>();
            for (Node item : sn.getValue()) {
                out.add(plain(item, path, locations, resolveVariables));
            }
            return out;
        }
        ScalarNode s = (ScalarNode) node;
        if (s.getTag().equals(Tag.NULL)) {
            return null;
        }
        String text = resolveVariables ? substitute(s) : s.getValue();
        if (s.getTag().equals(Tag.INT)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (s.getTag().equals(Tag.FLOAT)) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (s.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT))
                    || text.equalsIgnoreCase("yes")
                    || text.equalsIgnoreCase("on");
        }
        return text;
    }

    private String substitute(ScalarNode node) {
        String value = node.getValue();
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = env.get(name);
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                problems.add(at(node.getStartMark()) + ": the environment variable " + name
                        + " is not set; export it, or write ${" + name + ":-default}");
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Map<String, Node> mapping(Node node, String what) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mn)) {
            problems.add(at(node.getStartMark()) + ": " + what + " must be a mapping (key: value lines)");
            return out;
        }
        for (NodeTuple t : mn.getValue()) {
            out.put(scalar(t.getKeyNode(), "key"), t.getValueNode());
        }
        return out;
    }

    /**
     * SnakeYAML checks duplicate keys only when it constructs objects, and the config is read from
     * nodes: a second {@code sources:} would silently replace the first, so each is named here.
     */
    private void duplicateKeys(Node node, Set<Node> seen) {
        if (!seen.add(node)) {
            return; // an alias of a node already checked
        }
        if (node instanceof MappingNode mn) {
            Map<String, Node> keys = new java.util.HashMap<>();
            for (NodeTuple t : mn.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    Node first = keys.putIfAbsent(k.getValue(), k);
                    if (first != null) {
                        problems.add(at(k.getStartMark()) + ": duplicate key '" + k.getValue() + "' (first at "
                                + at(first.getStartMark()) + "); a key may appear once: merge the two or delete one");
                    }
                }
                duplicateKeys(t.getValueNode(), seen);
            }
        } else if (node instanceof SequenceNode sn) {
            for (Node item : sn.getValue()) {
                duplicateKeys(item, seen);
            }
        }
    }

    private List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode sn) {
            return sn.getValue();
        }
        problems.add(at(node.getStartMark()) + ": " + what + " must be a list (lines starting with '- ')");
        return List.of();
    }

    private String scalar(Node node, String what) {
        if (node instanceof ScalarNode s) {
            return s.getTag().equals(Tag.NULL) ? null : substitute(s);
        }
        problems.add(at(node.getStartMark()) + ": " + what + " must be a single value");
        return null;
    }

    private List<String> strings(Node node, String what) {
        if (node instanceof ScalarNode) {
            String s = scalar(node, what);
            return s == null ? List.of() : List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (Node item : sequence(node, what)) {
            String s = scalar(item, what);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private boolean bool(Map<String, Node> m, String key, boolean fallback) {
        if (!m.containsKey(key)) {
            return fallback;
        }
        String v = scalar(m.get(key), key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problems.add(at(m.get(key).getStartMark()) + ": " + key + " must be true or false, not '" + v + "'");
                yield fallback;
            }
        };
    }

    private String required(Node owner, Map<String, Node> m, String key) {
        if (!m.containsKey(key)) {
            problems.add(at(owner.getStartMark()) + ": '" + key + "' is required here");
            return null;
        }
        return scalar(m.get(key), key);
    }

    private void checkKeys(Node node, Map<String, Node> m, Set<String> known, String scope) {
        for (String key : m.keySet()) {
            if (!known.contains(key)) {
                unknown(keyNode(node, key), key, known, scope);
            }
        }
    }

    private void unknown(Node keyNode, String key, Set<String> known, String scope) {
        String hint = Settings.didYouMean(key, known);
        problems.add(at(keyNode.getStartMark()) + ": unknown key '" + scope + key + "'"
                + (hint != null
                        ? "; did you mean '" + hint + "'?"
                        : "; expected one of: " + String.join(", ", sorted(known))));
    }

    private static Node keyNode(Node mapping, String key) {
        if (mapping instanceof MappingNode mn) {
            for (NodeTuple t : mn.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                    return t.getKeyNode();
                }
            }
        }
        return mapping;
    }

    /** Orders problems as they stand in the file. */
    private static long position(String problem) {
        Matcher m = Pattern.compile(":(\\d+):(\\d+): ").matcher(problem);
        return m.find() ? Long.parseLong(m.group(1)) * 100_000 + Long.parseLong(m.group(2)) : Long.MAX_VALUE;
    }

    private String at(Mark mark) {
        return mark == null ? fileName : fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
