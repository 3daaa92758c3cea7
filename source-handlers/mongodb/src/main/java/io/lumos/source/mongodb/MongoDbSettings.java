package io.lumos.source.mongodb;

import com.mongodb.ConnectionString;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of a MongoDB source. {@link #toString()} masks the password of the URI.
 *
 * @param database one database, or null for every database but admin, config and local (a
 *     database in the URI's path counts when the key is not set)
 * @param collections include patterns ({@code *} wildcards) on {@code collection} or {@code db.collection}
 * @param exclude exclude patterns, same syntax
 */
record MongoDbSettings(
        String name,
        ConnectionString uri,
        String database,
        List<String> collections,
        List<String> exclude,
        int sampleSize,
        int maxFields,
        boolean randomSampling,
        Duration serverSelectionTimeout,
        Duration connectTimeout,
        Duration socketTimeout) {

    static final Set<String> KEYS = Set.of(
            "name",
            "type",
            "uri",
            "database",
            "collections",
            "exclude",
            "sample_size",
            "max_fields",
            "random_sampling",
            "server_selection_timeout",
            "connect_timeout",
            "socket_timeout");

    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    static MongoDbSettings from(Settings s) {
        List<String> unknown = s.unknownKeys(KEYS);
        if (!unknown.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", unknown));
        }
        String text = s.require("uri");
        ConnectionString uri;
        try {
            uri = new ConnectionString(text);
        } catch (IllegalArgumentException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    s.where("uri") + ": '" + mask(text) + "' is not a MongoDB URI (" + mask(e.getMessage())
                            + "); write mongodb://host:27017/db or mongodb+srv://cluster/db",
                    null);
        }
        String database = s.string("database", uri.getDatabase());
        int sampleSize = s.integer("sample_size", 1000);
        if (sampleSize < 1) {
            throw s.invalid("sample_size", "must be at least 1");
        }
        int maxFields = s.integer("max_fields", 300);
        if (maxFields < 1) {
            throw s.invalid("max_fields", "must be at least 1");
        }
        return new MongoDbSettings(
                s.string("name", "mongodb"),
                uri,
                database == null || database.isBlank() ? null : database,
                s.strings("collections"),
                s.strings("exclude"),
                sampleSize,
                maxFields,
                s.bool("random_sampling", true),
                timeout(s, "server_selection_timeout", Duration.ofSeconds(10)),
                timeout(s, "connect_timeout", Duration.ofSeconds(10)),
                timeout(s, "socket_timeout", Duration.ofSeconds(60)));
    }

    /** Timeouts are bounded both ways: zero would mean "wait forever" to the driver. */
    private static Duration timeout(Settings s, String key, Duration fallback) {
        Duration d = s.duration(key, fallback);
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw s.invalid(key, "must be between 1ms and 1h, not " + d);
        }
        return d;
    }

    /** Whether a collection is selected by the include/exclude patterns. */
    boolean selects(String db, String collection) {
        boolean included = collections.isEmpty();
        for (String p : collections) {
            included |= matches(p, db, collection);
        }
        for (String p : exclude) {
            if (matches(p, db, collection)) {
                return false;
            }
        }
        return included;
    }

    private static boolean matches(String pattern, String db, String collection) {
        // a pattern with a dot names db.collection; without, the collection in any database
        String subject = pattern.contains(".") ? db + "." + collection : collection;
        return glob(pattern).matcher(subject).matches();
    }

    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** The URI with its password replaced by ****. */
    static String mask(String text) {
        return text == null ? null : text.replaceAll("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*):[^@/\\s]*@", "$1:****@");
    }

    /** Where the data lives, for dataset locations and messages: scheme and hosts, no credentials. */
    String hosts() {
        String scheme = uri.isSrvProtocol() ? "mongodb+srv://" : "mongodb://";
        return scheme + String.join(",", uri.getHosts());
    }

    @Override
    public String toString() {
        return "MongoDbSettings{name=" + name + ", uri=" + mask(uri.getConnectionString()) + ", database=" + database
                + ", collections=" + collections + ", exclude=" + exclude + ", sampleSize=" + sampleSize
                + ", maxFields=" + maxFields + "}";
    }
}
