package io.lumos.source.postgres;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Setting;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A postgres source's settings, checked once. {@link #toString()} never prints the password.
 *
 * @param url the address as written, with any password in it removed (see {@link PgUrl})
 * @param database the database to scan: the {@code database} key, else the URL's, else the user's name
 * @param viewQueryCheck run each view's query (zero rows) to confirm its pass-through columns from the
 *     result-set metadata; one round trip per view, so it can be turned off for databases with
 *     thousands of views (the stored rule still gives the full column lineage)
 * @param exactSizes sizes from pg_total_relation_size (locks and stats every table) instead of the
 *     catalog's page counts
 */
record PostgresSettings(
        String name,
        PgUrl url,
        String user,
        String password,
        String database,
        List<String> include,
        List<String> exclude,
        Duration connectTimeout,
        Duration queryTimeout,
        String platform,
        boolean includeViews,
        boolean includeLineage,
        boolean foreignKeyLineage,
        boolean viewQueryCheck,
        boolean exactSizes) {

    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** The keys as written under a postgres source, with their defaults. */
    record Keys(
            @Setting(name = "name", fallback = "postgres") String name,
            @Setting(name = "type") String type,
            @Setting(name = "url") String url,
            @Setting(name = "user") String user,
            @Setting(name = "password", secret = true) String password,
            @Setting(name = "database") String database,
            @Setting(name = "include") List<String> include,
            @Setting(name = "exclude") List<String> exclude,
            @Setting(name = "connect_timeout", fallback = "10s") Duration connectTimeout,
            @Setting(name = "query_timeout", fallback = "60s") Duration queryTimeout,
            @Setting(name = "platform", fallback = "postgres") String platform,
            @Setting(name = "include_views", fallback = "true") boolean includeViews,
            @Setting(name = "include_lineage", fallback = "true") boolean includeLineage,
            @Setting(name = "foreign_key_lineage", fallback = "true") boolean foreignKeyLineage,
            @Setting(name = "view_query_check", fallback = "true") boolean viewQueryCheck,
            @Setting(name = "exact_sizes", fallback = "false") boolean exactSizes) {
        @Override
        public String toString() {
            return SettingsBinder.describe(this);
        }
    }

    static final Set<String> KEYS = SettingsBinder.keys(Keys.class);

    static PostgresSettings from(Settings s) {
        Keys k = SettingsBinder.bind(Keys.class, s);
        String rawUrl = s.require("url");
        PgUrl url;
        try {
            url = PgUrl.parse(rawUrl);
        } catch (IllegalArgumentException e) {
            // the message of parse never repeats the URL, which may hold a password
            throw s.invalid("url", e.getMessage());
        }
        String user = k.user() != null ? k.user() : url.user();
        String password = k.password() != null ? k.password() : url.password();
        String database = k.database() != null ? k.database() : url.database();
        if (database == null || database.isBlank()) {
            database = user; // what libpq and PgJDBC do when no database is named
        }
        if (database == null || database.isBlank()) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    s.scope() + ": name the database to scan in 'url' (postgresql://host:5432/DB) or 'database'");
        }
        return new PostgresSettings(
                k.name(),
                url,
                user,
                password,
                database,
                k.include(),
                k.exclude(),
                bounded(s, "connect_timeout", k.connectTimeout()),
                bounded(s, "query_timeout", k.queryTimeout()),
                k.platform(),
                k.includeViews(),
                k.includeLineage(),
                k.foreignKeyLineage(),
                k.viewQueryCheck(),
                k.exactSizes());
    }

    private static Duration bounded(Settings s, String key, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw s.invalid(key, "must be between 1ms and 1h (e.g. 10s), not " + d.toMillis() + "ms");
        }
        return d;
    }

    NamePatterns patterns() {
        return new NamePatterns(include, exclude);
    }

    @Override
    public String toString() {
        return "PostgresSettings{name=" + name + ", url=" + url.location(database) + ", user=" + user
                + ", password=" + (password == null ? "null" : "****") + ", include=" + include + ", exclude="
                + exclude + ", connectTimeout=" + connectTimeout + ", queryTimeout=" + queryTimeout + ", platform="
                + platform + ", includeViews=" + includeViews + ", includeLineage=" + includeLineage
                + ", foreignKeyLineage=" + foreignKeyLineage + ", viewQueryCheck=" + viewQueryCheck + ", exactSizes="
                + exactSizes + "}";
    }
}
