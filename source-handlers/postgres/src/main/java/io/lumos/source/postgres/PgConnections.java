package io.lumos.source.postgres;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Opens connections with bounded timeouts, and turns driver errors into one line a user can act on. */
final class PgConnections {
    private PgConnections() {}

    static Connection open(PostgresSettings s) {
        Properties props = new Properties();
        s.url().parameters().forEach(props::setProperty);
        if (s.user() != null) {
            props.setProperty("user", s.user());
        }
        if (s.password() != null) {
            props.setProperty("password", s.password());
        }
        String connectSeconds = String.valueOf(seconds(s.connectTimeout()));
        props.setProperty("connectTimeout", connectSeconds);
        props.setProperty("loginTimeout", connectSeconds);
        // the server stops a statement at query_timeout; the socket timeout is the backstop for a
        // server that stops answering altogether
        props.setProperty("socketTimeout", String.valueOf(seconds(s.queryTimeout()) + 30));
        // read-only on the server side too: a scan never writes, whatever a view's query would do
        String options = "-c statement_timeout=" + s.queryTimeout().toMillis() + " -c default_transaction_read_only=on";
        String userOptions = props.getProperty("options");
        props.setProperty("options", userOptions == null ? options : userOptions + " " + options);
        props.setProperty("ApplicationName", props.getProperty("ApplicationName", "lumos"));
        props.setProperty("readOnly", "true");
        props.setProperty("readOnlyMode", "always");
        try {
            // the driver directly, not DriverManager: it would not see a driver in a plugin class loader
            Connection c = new org.postgresql.Driver().connect(s.url().jdbcUrl(s.database()), props);
            if (c == null) {
                throw new LumosException(
                        ErrorCode.CONFIG_INVALID, "source '" + s.name() + "': the url is not a PostgreSQL JDBC URL");
            }
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw unreachable(s, e);
        }
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** A failure to connect or log in: SOURCE_UNREACHABLE, naming the setting to fix. */
    static LumosException unreachable(PostgresSettings s, SQLException e) {
        String where = "source '" + s.name() + "': PostgreSQL at " + s.url().hostsText();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = s.user() == null ? "(none given)" : "'" + s.user() + "'";
        String message =
                switch (state) {
                    case "28P01" ->
                        where + " rejected the password of user " + user
                                + "; check the source's 'password' (e.g. password: \"${PGPASSWORD}\")";
                    case "28000" ->
                        where + " refused user " + user + " (" + oneLine(e, s)
                                + "); check the source's 'user' and the server's pg_hba.conf";
                    case "3D000" ->
                        where + " has no database '" + s.database()
                                + "'; check the source's 'database' or the database in 'url'";
                    case "53300" ->
                        where + " has no free connection slot (" + oneLine(e, s)
                                + "); try again later, or ask for a higher max_connections";
                    case "57P03" ->
                        where + " is starting up or shutting down (" + oneLine(e, s) + "); try again in a moment";
                    default ->
                        where + " could not be reached within "
                                + s.connectTimeout().toMillis() + " ms ("
                                + oneLine(e, s) + "); check the source's 'url' (host and port) and that the server"
                                + " is running, or raise 'connect_timeout'";
                };
        return new LumosException(ErrorCode.SOURCE_UNREACHABLE, message, e);
    }

    /** A failure after connecting: the connection broke or a catalog query ran out of time. */
    static LumosException failed(PostgresSettings s, SQLException e) {
        String where = "source '" + s.name() + "': PostgreSQL at " + s.url().hostsText();
        if ("57014".equals(e.getSQLState())) {
            return new LumosException(
                    ErrorCode.SOURCE_FAILED,
                    where + ": a catalog query ran longer than query_timeout ("
                            + s.queryTimeout().toMillis() + " ms); raise the source's 'query_timeout'",
                    e);
        }
        return new LumosException(
                ErrorCode.SOURCE_FAILED,
                where + " failed while reading the catalog (" + oneLine(e, s)
                        + "); check the server's log, then re-run the scan",
                e);
    }

    /** The first line of a driver message, with the password blanked should a server ever echo it. */
    static String oneLine(SQLException e, PostgresSettings s) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        if (s.password() != null && s.password().length() >= 4) {
            m = m.replace(s.password(), "****");
        }
        return m.strip();
    }
}
