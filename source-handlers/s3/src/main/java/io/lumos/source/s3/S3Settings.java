package io.lumos.source.s3;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Setting;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of an S3 source. Secrets are never printed ({@link #toString()}).
 *
 * @param specs the path specs, or empty when {@link #path} is set
 * @param path a bare {@code s3://bucket/prefix}: each folder right under it is a table
 * @param endpoint an S3-compatible endpoint, or null for AWS
 */
record S3Settings(
        String name,
        List<PathSpec> specs,
        S3Uri path,
        List<String> exclude,
        URI endpoint,
        boolean pathStyle,
        String region,
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        boolean anonymous,
        int sampleFiles,
        int maxConcurrency,
        int maxAttempts,
        Duration connectTimeout,
        Duration requestTimeout,
        String platform,
        boolean includeHidden,
        int sampleRows,
        long maxSampleBytes,
        Map<String, String> formatOptions,
        Map<String, String> defaultExtensions) {

    /**
     * The extension files without one are read as ({@code default_extension}, as DataHub's path
     * specs take it): the path spec's own, else the source's; null when their content decides.
     */
    String defaultExtension(String include) {
        String own = include == null ? null : defaultExtensions.get(include);
        return own != null ? own : defaultExtensions.get("");
    }

    /** The keys as written under an s3 source, with their defaults (endpoint and region default from the environment). */
    record Keys(
            @Setting(name = "name", fallback = "s3") String name,
            @Setting(name = "type") String type,
            @Setting(name = "path_specs") Object pathSpecs,
            @Setting(name = "path") String path,
            @Setting(name = "exclude") List<String> exclude,
            @Setting(name = "endpoint") String endpoint,
            @Setting(name = "path_style") Boolean pathStyle,
            @Setting(name = "region") String region,
            @Setting(name = "access_key_id") String accessKeyId,
            @Setting(name = "secret_access_key", secret = true) String secretAccessKey,
            @Setting(name = "session_token", secret = true) String sessionToken,
            @Setting(name = "anonymous", fallback = "false") boolean anonymous,
            @Setting(name = "sample_files", fallback = "1") int sampleFiles,
            @Setting(name = "max_concurrency", fallback = "16") int maxConcurrency,
            @Setting(name = "max_attempts", fallback = "3") int maxAttempts,
            @Setting(name = "connect_timeout", fallback = "10s") Duration connectTimeout,
            @Setting(name = "request_timeout", fallback = "60s") Duration requestTimeout,
            @Setting(name = "platform", fallback = "s3") String platform,
            @Setting(name = "include_hidden", fallback = "false") boolean includeHidden,
            @Setting(name = "sample_rows", fallback = "1000") int sampleRows,
            @Setting(name = "max_sample_bytes", fallback = "1048576") long maxSampleBytes,
            @Setting(name = "options") Map<String, String> options,
            @Setting(name = "default_extension") String defaultExtension) {
        @Override
        public String toString() {
            return SettingsBinder.describe(this);
        }
    }

    static final Set<String> KEYS = SettingsBinder.keys(Keys.class);

    static final int MAX_CONCURRENCY = 64;
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    static S3Settings from(Settings s, PluginContext context) {
        Keys k = SettingsBinder.bind(Keys.class, s);
        List<String> exclude = new ArrayList<>(k.exclude());
        Map<String, String> defaultExtensions = new LinkedHashMap<>();
        String sourceDefault = k.defaultExtension();
        if (sourceDefault != null && !sourceDefault.isBlank()) {
            defaultExtensions.put("", defaultExtension(s, sourceDefault, context));
        }
        List<PathSpec> specs = pathSpecs(s, k.pathSpecs(), context, exclude, defaultExtensions);
        S3Uri path = null;
        if (k.path() != null) {
            try {
                path = S3Uri.parse(k.path());
            } catch (IllegalArgumentException ex) {
                throw s.invalid("path", ex.getMessage());
            }
        }
        if ((path == null) == specs.isEmpty()) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    s.scope() + ": write either 'path: s3://bucket/prefix' or 'path_specs: [...]'"
                            + (path == null ? "" : ", not both"));
        }
        for (String x : exclude) {
            if (!x.startsWith("s3://")) {
                throw s.invalid("exclude", "must hold s3:// globs such as s3://bucket/**/_tmp/**, not '" + x + "'");
            }
        }
        Map<String, String> env = context.environmentVariables();
        URI endpoint = endpoint(
                s,
                k.endpoint() != null
                        ? k.endpoint()
                        : firstNonBlank(env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL")));
        String accessKey = blankToNull(k.accessKeyId());
        String secretKey = blankToNull(k.secretAccessKey());
        if ((accessKey == null) != (secretKey == null)) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    s.scope() + ": set both access_key_id and secret_access_key, or neither (then the default AWS"
                            + " credentials chain is used)");
        }
        checkLimits(s, k);
        return new S3Settings(
                k.name(),
                List.copyOf(specs),
                path,
                List.copyOf(exclude),
                endpoint,
                k.pathStyle() != null ? k.pathStyle() : endpoint != null,
                k.region() != null ? k.region() : firstNonBlank(env.get("AWS_REGION"), "us-east-1"),
                accessKey,
                secretKey,
                blankToNull(k.sessionToken()),
                k.anonymous(),
                k.sampleFiles(),
                k.maxConcurrency(),
                k.maxAttempts(),
                timeout(s, "connect_timeout", k.connectTimeout()),
                timeout(s, "request_timeout", k.requestTimeout()),
                k.platform(),
                k.includeHidden(),
                k.sampleRows(),
                k.maxSampleBytes(),
                stringValues(k.options()),
                Map.copyOf(defaultExtensions));
    }

    /**
     * {@code path_specs}: strings, or {@code {include, exclude, default_extension}}; a spec's
     * excludes join {@code exclude} and its default extension {@code defaultExtensions}.
     */
    private static List<PathSpec> pathSpecs(
            Settings s,
            Object raw,
            PluginContext context,
            List<String> exclude,
            Map<String, String> defaultExtensions) {
        List<PathSpec> specs = new ArrayList<>();
        if (raw == null) {
            return specs;
        }
        for (Object e : raw instanceof List<?> l ? l : List.of(raw)) {
            String include =
                    e instanceof Map<?, ?> m ? specEntry(s, m, context, exclude, defaultExtensions) : String.valueOf(e);
            try {
                PathSpec spec = PathSpec.parse(include);
                String own = defaultExtensions.get(include);
                specs.add(own == null ? spec : spec.withDefaultExtension(own));
            } catch (IllegalArgumentException ex) {
                throw s.invalid("path_specs", "has a bad entry: " + ex.getMessage());
            }
        }
        return specs;
    }

    /** A {@code path_specs} entry written as a mapping; answers its include. */
    private static String specEntry(
            Settings s,
            Map<?, ?> m,
            PluginContext context,
            List<String> exclude,
            Map<String, String> defaultExtensions) {
        Object inc = m.get("include");
        if (inc == null) {
            throw s.invalid("path_specs", "entries written as a mapping need an 'include'");
        }
        String include = inc.toString();
        for (Object key : m.keySet()) {
            if (!Set.of("include", "exclude", "default_extension").contains(String.valueOf(key))) {
                throw s.invalid("path_specs", "entries take include, exclude and default_extension, not '" + key + "'");
            }
        }
        Object def = m.get("default_extension");
        if (def != null && !def.toString().isBlank()) {
            defaultExtensions.put(include, defaultExtension(s, def.toString(), context));
        }
        Object ex = m.get("exclude");
        if (ex instanceof List<?> exl) {
            exl.forEach(x -> exclude.add(String.valueOf(x)));
        } else if (ex != null) {
            exclude.add(ex.toString());
        }
        return include;
    }

    private static URI endpoint(Settings s, String endpointText) {
        if (endpointText == null || endpointText.isBlank()) {
            return null;
        }
        URI endpoint;
        try {
            endpoint = URI.create(endpointText.strip());
        } catch (IllegalArgumentException ex) {
            throw s.invalid("endpoint", "is not a URL: " + ex.getMessage());
        }
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw s.invalid("endpoint", "must be a URL such as http://localhost:9000, not '" + endpointText + "'");
        }
        return endpoint;
    }

    private static void checkLimits(Settings s, Keys k) {
        if (k.sampleFiles() < 1) {
            throw s.invalid("sample_files", "must be at least 1");
        }
        if (k.maxConcurrency() < 1 || k.maxConcurrency() > MAX_CONCURRENCY) {
            throw s.invalid("max_concurrency", "must be between 1 and " + MAX_CONCURRENCY);
        }
        if (k.maxAttempts() < 1 || k.maxAttempts() > 10) {
            throw s.invalid("max_attempts", "must be between 1 and 10");
        }
    }

    private static String defaultExtension(Settings s, String value, PluginContext context) {
        String ext = io.lumos.spi.file.FormatSniffer.extension(value);
        if (context.formatFor("file" + ext).isEmpty()) {
            throw s.invalid("default_extension", "no installed reader reads " + ext + " files; see `lumos plugins`");
        }
        return ext;
    }

    /** The options as given, a key without a value as the text {@code null}, as before. */
    private static Map<String, String> stringValues(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((key, v) -> out.put(key, String.valueOf(v)));
        return Map.copyOf(out);
    }

    private static Duration timeout(Settings s, String key, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw s.invalid(key, "must be between 1ms and 10m, not " + d);
        }
        return d;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    @Override
    public String toString() {
        return "S3Settings{name=" + name + ", specs=" + specs + ", path=" + path + ", endpoint=" + endpoint
                + ", pathStyle=" + pathStyle + ", region=" + region + ", credentials="
                + (accessKeyId != null ? "static ****" : anonymous ? "anonymous" : "default chain")
                + ", sampleFiles=" + sampleFiles + ", maxConcurrency=" + maxConcurrency + "}";
    }
}
