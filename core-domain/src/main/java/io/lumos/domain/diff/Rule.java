package io.lumos.domain.diff;

/**
 * Every kind of change the diff reports, with its row of the classification table (research
 * schema-diff §7). {@code policyBreaking} rules break name-addressed consumers (SQL, dataframes,
 * JSON) whatever the data direction, so they stay BREAKING in every mode but NONE; the others are
 * BREAKING only when the mode checks a direction the change is incompatible in.
 */
public enum Rule {
    FIELD_ADDED_NULLABLE(1, Severity.NON_BREAKING, false),
    FIELD_ADDED_WITH_DEFAULT(2, Severity.NON_BREAKING, false),
    FIELD_ADDED_REQUIRED(3, Severity.BREAKING, false),
    FIELD_REMOVED(4, Severity.BREAKING, true),
    FIELD_RENAMED(6, Severity.BREAKING, true),
    TYPE_WIDENED(8, Severity.NON_BREAKING, false),
    TYPE_PROMOTED(9, Severity.BREAKING, true),
    TYPE_NARROWED(10, Severity.BREAKING, false),
    TYPE_CHANGED(10, Severity.BREAKING, true),
    DECIMAL_SCALE_CHANGED(11, Severity.BREAKING, true),
    DECIMAL_PRECISION_REDUCED(11, Severity.BREAKING, true),
    TIMESTAMP_UNIT_CHANGED(12, Severity.BREAKING, true),
    TIMESTAMP_ZONE_CHANGED(12, Severity.BREAKING, true),
    TIME_UNIT_CHANGED(12, Severity.BREAKING, true),
    TIME_ZONE_CHANGED(12, Severity.BREAKING, true),
    FIELD_MADE_REQUIRED(13, Severity.BREAKING, false),
    FIELD_MADE_NULLABLE(14, Severity.NON_BREAKING, false),
    ENUM_SYMBOL_ADDED(15, Severity.NON_BREAKING, false),
    ENUM_SYMBOL_REMOVED(16, Severity.BREAKING, false),
    ENUM_SYMBOLS_REORDERED(17, Severity.INFO, false),
    MAP_KEY_CHANGED(20, Severity.BREAKING, true),
    UNION_BRANCH_ADDED(21, Severity.NON_BREAKING, false),
    UNION_BRANCH_REMOVED(21, Severity.BREAKING, false),
    DEFAULT_ADDED(22, Severity.INFO, false),
    DEFAULT_CHANGED(22, Severity.NON_BREAKING, false),
    DEFAULT_REMOVED(22, Severity.NON_BREAKING, false),
    FIELD_DESCRIPTION_CHANGED(23, Severity.INFO, false),
    DATASET_DESCRIPTION_CHANGED(23, Severity.INFO, false),
    FIELD_TAGS_CHANGED(24, Severity.INFO, false),
    DATASET_TAGS_CHANGED(24, Severity.INFO, false),
    GLOSSARY_TERMS_CHANGED(24, Severity.INFO, false),
    FIELD_ORDER_CHANGED(25, Severity.INFO, false),
    PRIMARY_KEY_CHANGED(26, Severity.BREAKING, true),
    PARTITION_KEY_CHANGED(27, Severity.BREAKING, true),
    NAMED_TYPE_RENAMED(28, Severity.BREAKING, false),
    NAMESPACE_CHANGED(28, Severity.INFO, false),
    NATIVE_TYPE_CHANGED(0, Severity.INFO, false),
    OWNERS_CHANGED(0, Severity.INFO, false),
    DOMAIN_CHANGED(0, Severity.INFO, false),
    STATUS_CHANGED(0, Severity.INFO, false),
    SUBTYPE_CHANGED(0, Severity.INFO, false),
    DATASET_ADDED(0, Severity.NON_BREAKING, false),
    DATASET_REMOVED(0, Severity.BREAKING, true),
    LINEAGE_EDGE_ADDED(0, Severity.INFO, false),
    LINEAGE_EDGE_REMOVED(0, Severity.INFO, false),
    /** A new lineage edge from a deprecated dataset: a new reader of something that is going away. */
    DEPRECATED_UPSTREAM_READ(0, Severity.INFO, false),
    COLUMN_LINEAGE_CHANGED(0, Severity.INFO, false);

    private final int row;
    private final Severity defaultSeverity;
    private final boolean policyBreaking;

    Rule(int row, Severity defaultSeverity, boolean policyBreaking) {
        this.row = row;
        this.defaultSeverity = defaultSeverity;
        this.policyBreaking = policyBreaking;
    }

    /** The row of the classification table, 0 for metadata and catalog-level rules outside it. */
    public int row() {
        return row;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public boolean policyBreaking() {
        return policyBreaking;
    }

    /**
     * The severity under a mode. A direction the mode checks and the change breaks makes it BREAKING;
     * otherwise a policy break stays BREAKING; a rule that was BREAKING only for a direction the mode
     * does not check becomes NON_BREAKING. NONE never reports BREAKING (Confluent: anything goes).
     */
    public Severity severity(CompatibilityMode mode, boolean backward, boolean forward, boolean policy) {
        if (defaultSeverity == Severity.INFO && backward && forward && !policy) {
            return Severity.INFO;
        }
        if (mode == CompatibilityMode.NONE) {
            return defaultSeverity == Severity.INFO ? Severity.INFO : Severity.NON_BREAKING;
        }
        if ((mode.checksBackward() && !backward) || (mode.checksForward() && !forward) || policy) {
            return Severity.BREAKING;
        }
        return defaultSeverity == Severity.BREAKING ? Severity.NON_BREAKING : defaultSeverity;
    }
}
