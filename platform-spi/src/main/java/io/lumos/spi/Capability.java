package io.lumos.spi;

/** What a catalog adapter can do; the contract test skips what an adapter does not declare. */
public enum Capability {
    WRITE("store datasets"),
    LINEAGE("store lineage"),
    COLUMN_LINEAGE("store column lineage"),
    OWNERSHIP("store owners"),
    VERSIONS("keep versions"),
    READ("read datasets back"),
    SEARCH("search datasets"),
    LINEAGE_READ("read lineage back"),
    EXPORT("export everything"),
    DELETE("remove lineage or owners"),
    RUNS("record pipeline runs"),
    USAGE("keep usage statistics"),
    /** Reads usage a catalog gathered itself, without keeping Lumos's (DataHub's datasetUsageStatistics). */
    USAGE_READ("read usage statistics"),
    ASSERTIONS("keep assertion results"),
    /** Publishes assertions and their results without reading them back (DataHub's assertion entities). */
    ASSERTION_EVENTS("publish assertions and their run events"),
    RUNS_READ("read pipeline runs back"),
    PRODUCTS("store data products"),
    LIFECYCLE("mark datasets deprecated or removed"),
    INGEST_STATE("remember what each source wrote last");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    public String describe() {
        return description;
    }
}
