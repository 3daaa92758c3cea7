package io.lumos.cli.config;

import io.lumos.cli.config.YamlReader.InvalidYamlException;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.IoProblems;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML config strictly: unknown keys are errors with "did you mean", {@code ${VAR}} comes
 * from the environment, and every problem is reported at once with file, line and column. The YAML
 * is read by {@link YamlReader} (jackson-dataformat-yaml's streaming parser); each top-level section
 * has its own reader ({@code *Section}), which share {@link ConfigNodes}.
 */
public final class ConfigLoader {
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
    private static final Pattern POSITION = Pattern.compile(":(\\d+):(\\d+): ");

    private final Map<String, String> env;
    private Set<String> knownSourceTypes = Set.of();

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The source types the plugins offer, for "did you mean". */
    public ConfigLoader sourceTypes(Set<String> types) {
        this.knownSourceTypes = types;
        return this;
    }

    /**
     * Loads a config file. {@code knownPlatforms} and {@code sourceKeys} come from the plugins: the
     * keys a source type accepts (empty set = not checked), so that a typo in a source is caught
     * before anything runs.
     */
    public LumosConfig load(Path file, Set<String> knownPlatforms, Function<String, Set<String>> sourceKeys) {
        String fileName = file.toString();
        List<String> problems = new ArrayList<>();
        YamlNode root;
        try {
            root = YamlReader.read(read(file), fileName, problems);
        } catch (InvalidYamlException e) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        if (root == null) {
            return LumosConfig.defaults(base);
        }
        ConfigNodes n = new ConfigNodes(fileName, env, problems);
        Map<String, YamlNode> top = n.mapping(root, "the document");
        YamlNode configNode = top.get("lumos_config");
        if (configNode == null) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    n.at(root) + ": the config must start with 'lumos_config:' (see config-samples/quickstart.yaml)");
        }
        n.checkKeys(root, top, Set.of("lumos_config"), "");
        LumosConfig config = parse(n, configNode, file, base, knownPlatforms, sourceKeys);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingLong(ConfigLoader::position));
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    problems.size() == 1
                            ? problems.get(0)
                            : problems.size() + " problems in " + fileName + ":\n  " + String.join("\n  ", problems));
        }
        return config;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID, "config file " + file + " does not exist; check -c/--config");
        } catch (IOException e) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, "config file " + file + ": " + IoProblems.describe(e));
        }
    }

    /** {@code lumos_config:}, section by section. */
    private LumosConfig parse(
            ConfigNodes n,
            YamlNode node,
            Path file,
            Path base,
            Set<String> knownPlatforms,
            Function<String, Set<String>> sourceKeys) {
        Map<String, YamlNode> m = n.mapping(node, "lumos_config");
        n.checkKeys(node, m, ROOT_KEYS, "lumos_config.");
        PlatformSection platformSection = new PlatformSection(n, knownPlatforms);
        List<String> platforms = platformSection.platforms(m.get("platform"));
        Map<String, Settings> platformSettings = platformSection.settings(m.get("platforms"), platforms);
        String configName = m.containsKey("name") ? n.scalar(m.get("name"), "name") : null;
        String environment = m.containsKey("environment") ? n.scalar(m.get("environment"), "environment") : "PROD";
        FeatureSection features = new FeatureSection(n);
        DeclarationSections declarations = new DeclarationSections(n);
        CompatibilitySection compatibility = new CompatibilitySection(n);
        return new LumosConfig(
                file,
                base,
                platforms,
                environment,
                platformSettings,
                features.cloudVersionPrefix(m.get("versioning")),
                new SourceSection(n, sourceKeys, knownSourceTypes).read(m.get("sources")),
                declarations.lineage(m.get("lineage")),
                declarations.ownership(m.get("ownership")),
                declarations.metadata(m.get("metadata")),
                features.features(m.get("features")),
                compatibility.read(m.get("compatibility")),
                configName,
                new ProductSection(n, declarations, compatibility).read(m.get("data_products")),
                new AssertionSection(n, compatibility).read(m.get("assertions")));
    }

    /** {@code 30s}, {@code 15m}, {@code 24h}, {@code 7d}, or ISO-8601 {@code PT24H}; null when not a duration. */
    static Duration duration(String text) {
        return AssertionSection.duration(text);
    }

    /** Orders problems as they stand in the file. */
    private static long position(String problem) {
        Matcher m = POSITION.matcher(problem);
        return m.find() ? Long.parseLong(m.group(1)) * 100_000 + Long.parseLong(m.group(2)) : Long.MAX_VALUE;
    }
}
