package io.lumos.testing.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL (zonky's embedded binaries) that asks for passwords as a real server does: the
 * superuser keeps trust for the test's own set-up, every other role must give its password over
 * TCP, so a wrong one is refused. Each test class starts one and closes it.
 */
public final class PasswordPostgres {
    private PasswordPostgres() {}

    /** Starts the server with an empty {@code database} and a role that logs in with {@code password}. */
    public static EmbeddedPostgres start(String database, String role, String password)
            throws IOException, SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
        } catch (SQLException | RuntimeException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    private static void writeHba(Path dataDir) {
        try {
            Files.writeString(
                    dataDir.resolve("pg_hba.conf"),
                    """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
