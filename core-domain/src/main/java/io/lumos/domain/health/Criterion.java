package io.lumos.domain.health;

/** The criteria of the metadata health score, in the order they are reported. */
public enum Criterion {
    DESCRIPTION("description"),
    OWNERS("owners"),
    FIELD_DESCRIPTIONS("field descriptions"),
    TAGS("tags or glossary terms"),
    LINEAGE("lineage known"),
    FRESHNESS("schema fresh");

    private final String label;

    Criterion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public double weight(HealthWeights w) {
        return switch (this) {
            case DESCRIPTION -> w.description();
            case OWNERS -> w.owners();
            case FIELD_DESCRIPTIONS -> w.fieldDescriptions();
            case TAGS -> w.tags();
            case LINEAGE -> w.lineage();
            case FRESHNESS -> w.freshness();
        };
    }
}
