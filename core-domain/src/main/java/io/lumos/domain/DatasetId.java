package io.lumos.domain;

import java.util.Locale;

/**
 * A dataset's identity, printed as a DataHub-style URN:
 * {@code urn:li:dataset:(urn:li:dataPlatform:<platform>,<name>,<ENV>)}. Commands also accept the
 * shorthand {@code <platform>:<name>}.
 */
public record DatasetId(String platform, String name, String env) implements Comparable<DatasetId> {
    private static final String PREFIX = "urn:li:dataset:(urn:li:dataPlatform:";

    public DatasetId {
        platform = RecordChecks.require(platform, "platform").toLowerCase(Locale.ROOT);
        name = RecordChecks.require(name, "name");
        env = RecordChecks.require(env == null ? "PROD" : env, "env").toUpperCase(Locale.ROOT);
        if (platform.contains(",") || platform.contains(")")) {
            throw new IllegalArgumentException("platform '" + platform + "' must not contain ',' or ')'");
        }
    }

    public static DatasetId of(String platform, String name) {
        return new DatasetId(platform, name, "PROD");
    }

    public String urn() {
        return PREFIX + platform + "," + name + "," + env + ")";
    }

    /** Parses a URN or the shorthand {@code platform:name}; {@code defaultEnv} applies to the shorthand. */
    public static DatasetId parse(String text, String defaultEnv) {
        String t = RecordChecks.require(text, "dataset id");
        if (t.startsWith(PREFIX)) {
            if (!t.endsWith(")")) {
                throw new IllegalArgumentException("dataset URN '" + t + "' must end with ')'");
            }
            String inner = t.substring(PREFIX.length(), t.length() - 1);
            int first = inner.indexOf(',');
            int last = inner.lastIndexOf(',');
            if (first < 0 || last == first) {
                throw new IllegalArgumentException("dataset URN '" + t
                        + "' must look like urn:li:dataset:(urn:li:dataPlatform:PLATFORM,NAME,ENV)");
            }
            return new DatasetId(
                    inner.substring(0, first), inner.substring(first + 1, last), inner.substring(last + 1));
        }
        if (t.startsWith("urn:")) {
            throw new IllegalArgumentException("'" + t + "' is not a dataset URN (expected " + PREFIX + "...))");
        }
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException(
                    "'" + t + "' is not a dataset id: write PLATFORM:NAME (e.g. postgres:shop.public.orders) or a URN");
        }
        return new DatasetId(t.substring(0, colon), t.substring(colon + 1), defaultEnv);
    }

    /** The shorthand, {@code platform:name}. */
    public String shortName() {
        return platform + ":" + name;
    }

    @Override
    public int compareTo(DatasetId o) {
        int c = platform.compareTo(o.platform);
        if (c == 0) {
            c = name.compareTo(o.name);
        }
        return c == 0 ? env.compareTo(o.env) : c;
    }

    @Override
    public String toString() {
        return urn();
    }
}
