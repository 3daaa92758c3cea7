package io.lumos.domain;

/** A schema version, MAJOR.MINOR.PATCH. */
public record SemVer(int major, int minor, int patch) implements Comparable<SemVer> {
    public static final SemVer INITIAL = new SemVer(1, 0, 0);

    public SemVer {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative");
        }
    }

    public static SemVer parse(String text) {
        String t = RecordChecks.require(text, "version");
        if (t.startsWith("v") || t.startsWith("V")) {
            t = t.substring(1);
        }
        String[] parts = t.split("\\.", -1); // -1: "1.2.3." has four parts, not three
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version (expected MAJOR.MINOR.PATCH)");
        }
        try {
            return new SemVer(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version (expected MAJOR.MINOR.PATCH)");
        }
    }

    /** The next version for a change: breaking bumps major, schema bumps minor, the rest patch. */
    public SemVer bump(ChangeType change) {
        return switch (change) {
            case BREAKING_SCHEMA_CHANGE -> new SemVer(major + 1, 0, 0);
            case SCHEMA_CHANGE -> new SemVer(major, minor + 1, 0);
            case METADATA_UPDATE, DATA_UPDATE -> new SemVer(major, minor, patch + 1);
        };
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
