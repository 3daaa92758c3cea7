package io.lumos.source.postgres;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A PostgreSQL address as users write it: a libpq URI ({@code postgresql://user:pass@host:port/db?x=y},
 * also {@code postgres://}) or a JDBC URL ({@code jdbc:postgresql://host:port/db?user=..}). Credentials
 * are split off so that the JDBC URL and the location never carry a password.
 *
 * @param hosts {@code host:port} pairs (IPv6 hosts in brackets), at least one
 * @param database the database named in the URL, or null
 * @param user the user named in the URL, or null
 * @param password the password named in the URL, or null
 * @param parameters the other query parameters, passed to the driver as connection properties
 */
record PgUrl(List<String> hosts, String database, String user, String password, Map<String, String> parameters) {
    static final int DEFAULT_PORT = 5432;

    PgUrl {
        hosts = List.copyOf(hosts);
        parameters = Map.copyOf(parameters);
    }

    static boolean looksLikePostgres(String text) {
        if (text == null) {
            return false;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("postgresql://") || t.startsWith("postgres://") || t.startsWith("jdbc:postgresql:");
    }

    /** Parses either form; the message of the exception says what is wrong, never the password. */
    static PgUrl parse(String text) {
        if (!looksLikePostgres(text)) {
            throw new IllegalArgumentException(
                    "must start with postgresql://, postgres:// or jdbc:postgresql:// (e.g. postgresql://localhost:5432/shop)");
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = t.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("jdbc:postgresql:")) {
            // jdbc:postgresql:db is the JDBC shorthand for localhost:5432/db
            rest = "/" + t.substring("jdbc:postgresql:".length());
        } else {
            rest = t.substring(t.indexOf("://") + 3);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : "";
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
        }
        List<String> hosts = new ArrayList<>();
        if (authority.isEmpty()) {
            hosts.add("localhost:" + DEFAULT_PORT);
        } else {
            for (String h : authority.split(",", -1)) {
                hosts.add(hostPort(h.strip()));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq >= 0 ? pair.substring(0, eq) : pair);
                String v = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
                switch (k) {
                    case "user" -> user = v;
                    case "password" -> password = v;
                    case "dbname" -> path = v;
                    default -> params.put(k, v);
                }
            }
        }
        String database = path.isEmpty() ? null : decode(path);
        return new PgUrl(hosts, database, emptyToNull(user), password, params);
    }

    private static String hostPort(String h) {
        if (h.isEmpty()) {
            throw new IllegalArgumentException("has an empty host");
        }
        String host;
        String port;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("has an IPv6 host without its closing ']'");
            }
            host = h.substring(0, close + 1);
            String after = h.substring(close + 1);
            port = after.startsWith(":") ? after.substring(1) : "";
        } else {
            int colon = h.lastIndexOf(':');
            host = colon >= 0 ? h.substring(0, colon) : h;
            port = colon >= 0 ? h.substring(colon + 1) : "";
        }
        if (host.isEmpty() || host.equals("[]")) {
            host = "localhost";
        }
        int p = DEFAULT_PORT;
        if (!port.isEmpty()) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has a port that is not a number: '" + port + "'");
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("has a port out of range: " + p);
            }
        }
        return decode(host) + ":" + p;
    }

    private static String decode(String s) {
        // '+' is a literal plus in a URI's user info and path, unlike in a form
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The JDBC URL for a database, without user or password (those go in connection properties). */
    String jdbcUrl(String db) {
        String name =
                db == null ? "" : URLEncoder.encode(db, StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:postgresql://" + String.join(",", hosts) + "/" + name;
    }

    /** Where the data lives, for messages and the dataset location: no credentials. */
    String location(String db) {
        return "postgresql://" + String.join(",", hosts) + "/" + (db == null ? "" : db);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PgUrl{hosts=" + hosts + ", database=" + database + ", user=" + user + ", password="
                + (password == null ? "null" : "****") + ", parameters=" + parameters.keySet() + "}";
    }

    String hostsText() {
        return String.join(",", hosts);
    }
}
