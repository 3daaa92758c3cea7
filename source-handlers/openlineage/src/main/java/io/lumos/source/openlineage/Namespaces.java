package io.lumos.source.openlineage;

import io.lumos.domain.DatasetId;
import io.lumos.spi.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OpenLineage dataset naming (namespace + name, see the spec's Naming.md) to our dataset ids.
 *
 * <p>The platform comes from a configured namespace (the longest configured prefix wins), else from
 * the namespace's scheme ({@code s3a://bucket} is s3), else the namespace itself when it has no
 * scheme ({@code food_delivery}, {@code bigquery}). The name is the one our own sources give the
 * same data, so that events and scans meet on one dataset: for databases and topics the
 * OpenLineage name as it is ({@code db.schema.table}, {@code orders}); for object stores the bucket
 * and the path ({@code bucket/path/to/table}, as the S3 source names it); for file systems the
 * path.
 */
final class Namespaces {
    /** Schemes whose names are paths inside a bucket or container: the authority is part of the name. */
    private static final Set<String> BUCKETS = Set.of("s3", "gcs", "adls", "abs", "oss", "cos");

    /** Schemes whose names are paths of one file system: the authority (a name node, a host) is not. */
    private static final Set<String> FILE_SYSTEMS = Set.of("hdfs", "file", "dbfs");

    private static final Map<String, String> PLATFORM_BY_SCHEME = Map.ofEntries(
            Map.entry("s3", "s3"),
            Map.entry("s3a", "s3"),
            Map.entry("s3n", "s3"),
            Map.entry("gs", "gcs"),
            Map.entry("gcs", "gcs"),
            Map.entry("abfs", "adls"),
            Map.entry("abfss", "adls"),
            Map.entry("wasb", "abs"),
            Map.entry("wasbs", "abs"),
            Map.entry("oss", "oss"),
            Map.entry("cos", "cos"),
            Map.entry("hdfs", "hdfs"),
            Map.entry("viewfs", "hdfs"),
            Map.entry("file", "file"),
            Map.entry("dbfs", "dbfs"),
            Map.entry("postgres", "postgres"),
            Map.entry("postgresql", "postgres"),
            Map.entry("mysql", "mysql"),
            Map.entry("mariadb", "mariadb"),
            Map.entry("sqlserver", "mssql"),
            Map.entry("mssql", "mssql"),
            Map.entry("oracle", "oracle"),
            Map.entry("db2", "db2"),
            Map.entry("teradata", "teradata"),
            Map.entry("snowflake", "snowflake"),
            Map.entry("bigquery", "bigquery"),
            Map.entry("redshift", "redshift"),
            Map.entry("awsathena", "athena"),
            Map.entry("athena", "athena"),
            Map.entry("trino", "trino"),
            Map.entry("presto", "presto"),
            Map.entry("hive", "hive"),
            Map.entry("databricks", "databricks"),
            Map.entry("clickhouse", "clickhouse"),
            Map.entry("cassandra", "cassandra"),
            Map.entry("mongodb", "mongodb"),
            Map.entry("mongo", "mongodb"),
            Map.entry("kafka", "kafka"),
            Map.entry("kinesis", "kinesis"),
            Map.entry("pubsub", "pubsub"),
            Map.entry("pulsar", "pulsar"),
            Map.entry("rabbitmq", "rabbitmq"),
            Map.entry("elasticsearch", "elasticsearch"),
            Map.entry("opensearch", "opensearch"),
            Map.entry("iceberg", "iceberg"));

    /** One configured namespace: the platform its datasets get, and optionally their environment. */
    record Rule(String namespace, String platform, String env) {}

    private final List<Rule> rules;
    private final String defaultEnv;

    Namespaces(List<Rule> rules, String defaultEnv) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt((Rule r) -> r.namespace().length()).reversed());
        this.rules = List.copyOf(sorted);
        this.defaultEnv = defaultEnv;
    }

    /**
     * The {@code namespaces:} mapping of a source: {@code "postgres://host:5432": postgres}, or with
     * an environment, {@code "postgres://replica:5432": { platform: postgres, env: DEV }}.
     */
    static Namespaces of(Settings settings, String defaultEnv) {
        List<Rule> rules = new ArrayList<>();
        Object raw = settings.raw("namespaces");
        if (raw == null) {
            return new Namespaces(rules, defaultEnv);
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw settings.invalid(
                    "namespaces", "must be a mapping of OpenLineage namespace to platform, e.g. {\"s3://lake\": s3}");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String ns = trimSlash(String.valueOf(e.getKey()).strip());
            Object v = e.getValue();
            String platform;
            String env = null;
            if (v instanceof Map<?, ?> m) {
                Object p = m.get("platform");
                Object en = m.get("env");
                for (Object k : m.keySet()) {
                    if (!"platform".equals(k) && !"env".equals(k)) {
                        throw settings.invalid(
                                "namespaces",
                                "entry '" + ns + "' has an unknown key '" + k + "' (known: platform, env)");
                    }
                }
                platform = p == null ? null : p.toString();
                env = en == null ? null : en.toString();
            } else {
                platform = v == null ? null : v.toString();
            }
            if (ns.isEmpty() || platform == null || platform.isBlank()) {
                throw settings.invalid(
                        "namespaces", "entry '" + ns + "' needs a platform, e.g. \"" + ns + "\": postgres");
            }
            if (platform.contains(",") || platform.contains(")") || platform.contains(":")) {
                throw settings.invalid("namespaces", "platform '" + platform + "' must not contain ',', ')' or ':'");
            }
            rules.add(new Rule(ns, platform.strip().toLowerCase(Locale.ROOT), env));
        }
        return new Namespaces(rules, defaultEnv);
    }

    /** Our id of an OpenLineage dataset. */
    DatasetId id(String namespace, String name) {
        String ns = trimSlash(namespace.strip());
        String scheme = scheme(ns);
        Rule rule = rule(ns);
        String platform;
        if (rule != null) {
            platform = rule.platform();
        } else if (scheme != null) {
            platform = PLATFORM_BY_SCHEME.getOrDefault(scheme, sanitize(scheme));
        } else {
            platform = sanitize(ns.toLowerCase(Locale.ROOT));
        }
        String kind = scheme == null ? null : PLATFORM_BY_SCHEME.getOrDefault(scheme, scheme);
        String ourName;
        if (kind != null && BUCKETS.contains(kind)) {
            ourName = join(authority(ns, scheme), pathOf(ns, scheme), name);
        } else if (kind != null && FILE_SYSTEMS.contains(kind)) {
            ourName = join("", pathOf(ns, scheme), name);
            if (ourName.isEmpty()) {
                ourName = name;
            }
        } else {
            ourName = name.strip();
        }
        String env = rule != null && rule.env() != null ? rule.env() : defaultEnv;
        return new DatasetId(platform, ourName.isEmpty() ? name : ourName, env);
    }

    /**
     * Where the data lives, for file and object stores: the namespace and the path joined
     * ({@code s3a://lake/raw/orders}); null for databases and topics.
     */
    static String location(String namespace, String name) {
        String ns = trimSlash(namespace.strip());
        String scheme = scheme(ns);
        if (scheme == null) {
            return name.startsWith("/") ? name : null;
        }
        String kind = PLATFORM_BY_SCHEME.getOrDefault(scheme, scheme);
        if (!BUCKETS.contains(kind) && !FILE_SYSTEMS.contains(kind)) {
            return null;
        }
        return ns + (name.startsWith("/") ? "" : "/") + name;
    }

    /** The platform a namespace's scheme implies, for subtype defaults (kafka topics). */
    static String schemePlatform(String namespace) {
        String scheme = scheme(namespace.strip());
        return scheme == null ? null : PLATFORM_BY_SCHEME.get(scheme);
    }

    private Rule rule(String ns) {
        for (Rule r : rules) {
            if (ns.equals(r.namespace())
                    || (ns.startsWith(r.namespace())
                            && (r.namespace().endsWith("/")
                                    || ns.charAt(r.namespace().length()) == '/'))) {
                return r;
            }
        }
        return null;
    }

    static String scheme(String ns) {
        int i = ns.indexOf("://");
        if (i <= 0) {
            return null;
        }
        String s = ns.substring(0, i).toLowerCase(Locale.ROOT);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return null;
            }
        }
        return s;
    }

    /** {@code s3://bucket/prefix} -> {@code bucket}. */
    private static String authority(String ns, String scheme) {
        String rest = ns.substring(scheme.length() + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** {@code s3://bucket/prefix} -> {@code prefix}; {@code hdfs://nn:8020} -> empty. */
    private static String pathOf(String ns, String scheme) {
        String rest = ns.substring(scheme.length() + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash + 1);
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            String t = p.strip();
            while (t.startsWith("/")) {
                t = t.substring(1);
            }
            while (t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(t);
        }
        return out.toString();
    }

    private static String trimSlash(String ns) {
        String t = ns;
        while (t.endsWith("/") && !t.endsWith("://")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static String sanitize(String platform) {
        String p =
                platform.replace(',', '_').replace(')', '_').replace(':', '_').replace('/', '_');
        return p.isBlank() ? "openlineage" : p;
    }
}
