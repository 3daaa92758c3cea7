package io.lumos.spi;

import io.lumos.domain.Dataset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from URLs and from text that may hold URLs (exception messages, warnings,
 * source names): the password of a URL's user info and the value of every secret-like parameter
 * ({@code password=}, {@code secret}, {@code token}, {@code key}, {@code credential},
 * {@code signature}). The one function every printed or stored URL goes through, so a password
 * given on the command line or in a config reaches no output, report, catalog or file.
 *
 * <p>What stays: scheme, user name, host, port, path and the other parameters, so the text still
 * says where Lumos went. Redacting twice gives the same text.
 */
public final class Redaction {
    /** What a secret is replaced with. */
    public static final String MASK = "****";

    // scheme://user:password@ — the password runs to the last '@' of the authority, so an
    // unencoded '@' inside it is masked too. The authority ends at '/', '?', '#' or a blank.
    private static final Pattern USER_INFO =
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s/?#@:'\"<>]*):([^\\s/?#'\"<>]*)@");

    // A parameter whose name says it is secret, in a query string (?a=b&c=d), a JDBC property list
    // (;password=x) or a libpq key=value string (password=x). The value runs to the next separator.
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)(?<=^|[?&;\\s,(\"'{])([a-z0-9_.\\-]*(?:password|passwd|pwd|secret|token|key|credential|signature"
                    + "|auth_?string)[a-z0-9_.\\-]*)(\\s*=\\s*)(\"[^\"]*\"|'[^']*'|[^&;\\s\"'#]*)");

    // An HTTP authorization header as tools print it (curl -v, client logs): "Authorization: Bearer x".
    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile(
            "(?i)(\\b(?:proxy-)?authorization\\s*:\\s*)(?:(?:bearer|basic|token|digest)\\s+)?[^\\s,;\"']+");

    private Redaction() {}

    /** A URL (or anything given where a URL goes) with its credentials masked; null stays null. */
    public static String redactUrl(String url) {
        return redactText(url);
    }

    /** Free text with the credentials of every URL or key=value inside it masked; null stays null. */
    public static String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        boolean at = text.indexOf('@') >= 0;
        boolean colon = text.indexOf(':') >= 0;
        if (!at && !colon && text.indexOf('=') < 0) {
            return text;
        }
        String out = text;
        if (colon && out.toLowerCase(Locale.ROOT).contains("authorization")) {
            out = AUTHORIZATION_HEADER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        if (at) {
            out = USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(userInfo(m)));
        }
        if (mayHoldSecretParameter(out)) {
            out = SECRET_PARAMETER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(parameter(m)));
        }
        return out;
    }

    /**
     * The dataset with the credentials of its location and property values masked: what a source
     * found, before any catalog, snapshot or report sees it. The same instance when nothing changes.
     */
    public static Dataset dataset(Dataset dataset) {
        String location = redactText(dataset.location());
        Map<String, String> properties = null;
        for (Map.Entry<String, String> e : dataset.properties().entrySet()) {
            String v = redactText(e.getValue());
            if (v != null && !v.equals(e.getValue())) {
                if (properties == null) {
                    properties = new LinkedHashMap<>(dataset.properties());
                }
                properties.put(e.getKey(), v);
            }
        }
        if (properties == null && java.util.Objects.equals(location, dataset.location())) {
            return dataset;
        }
        return dataset.toBuilder()
                .location(location)
                .properties(properties == null ? dataset.properties() : properties)
                .build();
    }

    /** Whether a text would change under {@link #redactText}. */
    public static boolean holdsSecret(String text) {
        return text != null && !text.equals(redactText(text));
    }

    private static String userInfo(MatchResult m) {
        return m.group(2).isEmpty() ? m.group() : m.group(1) + ":" + MASK + "@";
    }

    private static String parameter(MatchResult m) {
        String value = m.group(3);
        if (value.isEmpty() || value.equals(MASK) || isPlaceholder(value)) {
            return m.group();
        }
        String masked = value.startsWith("\"") ? "\"" + MASK + "\"" : value.startsWith("'") ? "'" + MASK + "'" : MASK;
        return m.group(1) + m.group(2) + masked;
    }

    // `token=${TOKEN}` and `password=****` name no secret; keeping them keeps messages readable.
    private static boolean isPlaceholder(String value) {
        String v = value.replace("\"", "").replace("'", "");
        return v.equals(MASK) || v.startsWith("${") || v.equalsIgnoreCase("null") || v.equals("<hidden>");
    }

    private static boolean mayHoldSecretParameter(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("pass")
                || t.contains("pwd")
                || t.contains("secret")
                || t.contains("token")
                || t.contains("key")
                || t.contains("credential")
                || t.contains("signature")
                || t.contains("auth");
    }
}
