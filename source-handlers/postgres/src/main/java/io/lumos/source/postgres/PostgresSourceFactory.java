package io.lumos.source.postgres;

import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.SourceHandlerFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code type: postgres} (or {@code postgresql}): tables, views and their lineage over JDBC. */
public final class PostgresSourceFactory implements SourceHandlerFactory {
    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("postgresql");
    }

    @Override
    public String description() {
        return "PostgreSQL tables, views, materialized views and view lineage from the system catalogs";
    }

    @Override
    public Set<String> settingNames() {
        return PostgresSettings.KEYS;
    }

    /**
     * {@code lumos scan postgresql://user:pass@host/db} and {@code jdbc:postgresql://...}: the user
     * and password move to their own settings, so they are masked wherever settings are printed.
     */
    @Override
    public Optional<Map<String, Object>> settingsForTarget(String target) {
        if (!PgUrl.looksLikePostgres(target)) {
            return Optional.empty();
        }
        PgUrl url = PgUrl.parse(target);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("name", url.database() == null ? "postgres" : url.database());
        settings.put("url", withoutCredentials(url));
        if (url.user() != null) {
            settings.put("user", url.user());
        }
        if (url.password() != null) {
            settings.put("password", url.password());
        }
        return Optional.of(settings);
    }

    private static String withoutCredentials(PgUrl url) {
        StringBuilder out = new StringBuilder(url.jdbcUrl(url.database()));
        char sep = '?';
        for (Map.Entry<String, String> p : url.parameters().entrySet()) {
            out.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return out.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    @Override
    public SourceHandler create(Settings settings, PluginContext context) {
        return new PostgresSource(PostgresSettings.from(settings), context);
    }
}
