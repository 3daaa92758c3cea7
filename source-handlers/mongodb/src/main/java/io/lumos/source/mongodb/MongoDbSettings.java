package io.lumos.source.mongodb;

import com.mongodb.ConnectionString;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Setting;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of a MongoDB source. {@link #toString()} masks the password of the URI.
 *
 * @param database one database, or null for every database but admin, config and local (a
 *     database in the URI's path counts when the key is not set)
 * @param collections include patterns ({@code *} wildcards) on a collection's name or {@code db.name}
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

    /** The keys as written under a mongodb source, with their defaults. */
    record Keys(
            @Setting(name = "name", fallback = "mongodb") String name,
            @Setting(name = "type") String type,
            @Setting(name = "uri", secret = true) String uri,
            @Setting(name = "database") String database,
            @Setting(name = "collections") List<String> collections,
            @Setting(name = "exclude") List<String> exclude,
            @Setting(name = "sample_size", fallback = "1000") int sampleSize,
            @Setting(name = "max_fields", fallback = "300") int maxFields,
            @Setting(name = "random_sampling", fallback = "true") boolean randomSampling,
            @Setting(name = "server_selection_timeout", fallback = "10s") Duration serverSelectionTimeout,
            @Setting(name = "connect_timeout", fallback = "10s") Duration connectTimeout,
            @Setting(name = "socket_timeout", fallback = "60s") Duration socketTimeout) {
        @Override
        public String toString() {
            return SettingsBinder.describe(this);
        }
    }

    static final Set<String> KEYS = SettingsBinder.keys(Keys.class);

    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    static MongoDbSettings from(Settings s) {
        Keys k = SettingsBinder.bind(Keys.class, s);
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
        String database = k.database() != null ? k.database() : uri.getDatabase();
        if (k.sampleSize() < 1) {
            throw s.invalid("sample_size", "must be at least 1");
        }
        if (k.maxFields() < 1) {
            throw s.invalid("max_fields", "must be at least 1");
        }
        return new MongoDbSettings(
                k.name(),
                uri,
                database == null || database.isBlank() ? null : database,
                k.collections(),
                k.exclude(),
                k.sampleSize(),
                k.maxFields(),
                k.randomSampling(),
                timeout(s, "server_selection_timeout", k.serverSelectionTimeout()),
                timeout(s, "connect_timeout", k.connectTimeout()),
                timeout(s, "socket_timeout", k.socketTimeout()));
    }

    /** Timeouts are bounded both ways: zero would mean "wait forever" to the driver. */
    private static Duration timeout(Settings s, String key, Duration d) {
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
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
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
