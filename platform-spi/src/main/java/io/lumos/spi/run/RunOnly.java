package io.lumos.spi.run;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import java.util.Map;

/**
 * Datasets known only from runs: a run's input or output that no source has scanned. Catalogs that
 * keep such a dataset as an entity (Marquez makes one for every dataset an event names) hand it back
 * marked with {@link #PROPERTY}, so that reads tell it apart from a scanned dataset with no fields:
 * {@code datasets list} leaves it out and {@code datasets get} says where it is known from.
 */
public final class RunOnly {
    /** The property that marks a run-only dataset; its value is {@link #VALUE}. */
    public static final String PROPERTY = "lumos.known_from";

    public static final String VALUE = "runs";

    private RunOnly() {}

    /** A run-only dataset: the id and the marker, nothing else. */
    public static Dataset stub(DatasetId id) {
        return Dataset.builder(id).properties(Map.of(PROPERTY, VALUE)).build();
    }

    /** The dataset as a catalog read it, marked as known only from runs. */
    public static Dataset mark(Dataset d) {
        java.util.Map<String, String> props = new java.util.LinkedHashMap<>(d.properties());
        props.put(PROPERTY, VALUE);
        return d.toBuilder().properties(props).build();
    }

    /** Whether a dataset read from a catalog is known only from runs. */
    public static boolean isStub(Dataset d) {
        return VALUE.equals(d.properties().get(PROPERTY));
    }
}
