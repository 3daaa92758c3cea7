package io.lumos.source.postgres;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
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

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    static final Set<String> KEYS = Set.of(
            "name",
            "type",
            "url",
            "user",
            "password",
            "database",
            "include",
            "exclude",
            "connect_timeout",
            "query_timeout",
            "platform",
            "include_views",
            "include_lineage",
            "foreign_key_lineage",
            "view_query_check",
            "exact_sizes");

    static PostgresSettings from(Settings s) {
        List<String> unknown = s.unknownKeys(KEYS);
        if (!unknown.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", unknown));
        }
        String name = s.string("name", "postgres");
        String rawUrl = s.require("url");
        PgUrl url;
        try {
            url = PgUrl.parse(rawUrl);
        } catch (IllegalArgumentException e) {
            // the message of parse never repeats the URL, which may hold a password
            throw s.invalid("url", e.getMessage());
        }
        String user = s.string("user", url.user());
        String password = s.string("password", url.password());
        String database = s.string("database", url.database());
        if (database == null || database.isBlank()) {
            database = user; // what libpq and PgJDBC do when no database is named
        }
        if (database == null || database.isBlank()) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    s.scope() + ": name the database to scan in 'url' (postgresql://host:5432/DB) or 'database'");
        }
        return new PostgresSettings(
                name,
                url,
                user,
                password,
                database,
                s.strings("include"),
                s.strings("exclude"),
                bounded(s, "connect_timeout", DEFAULT_CONNECT_TIMEOUT),
                bounded(s, "query_timeout", DEFAULT_QUERY_TIMEOUT),
                s.string("platform", "postgres"),
                s.bool("include_views", true),
                s.bool("include_lineage", true),
                s.bool("foreign_key_lineage", true),
                s.bool("view_query_check", true),
                s.bool("exact_sizes", false));
    }

    private static Duration bounded(Settings s, String key, Duration fallback) {
        Duration d = s.duration(key, fallback);
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
