package io.lumos.domain;

import io.lumos.domain.diff.CompatibilityMode;
import java.util.List;

/**
 * A data product: a named set of datasets that one team offers to others, with a domain, owners
 * and optional terms of use. DataHub keeps it as a {@code dataProduct} entity; Marquez has none.
 *
 * @param name the product's id, as in {@code urn:li:dataProduct:NAME}
 * @param datasets the ids and globs the config wrote (as {@code ownership:} takes them)
 * @param assets the datasets those matched when the product was last written, in id order
 */
public record DataProduct(
        String name,
        String description,
        String domain,
        List<Owner> owners,
        List<String> datasets,
        List<DatasetId> assets,
        Terms terms) {

    public DataProduct {
        name = RecordChecks.require(name, "data product name");
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException("data product name '" + name
                    + "' may hold only letters, digits, '_', '.' and '-' (it becomes a DataHub URN)");
        }
        description = RecordChecks.optional(description);
        domain = RecordChecks.optional(domain);
        owners = RecordChecks.list(owners);
        datasets = RecordChecks.list(datasets);
        assets = RecordChecks.list(assets).stream().sorted().distinct().toList();
        terms = terms == null ? Terms.NONE : terms;
    }

    public DataProduct withAssets(List<DatasetId> newAssets) {
        return new DataProduct(name, description, domain, owners, datasets, newAssets, terms);
    }

    /** The DataHub URN of the product. */
    public String urn() {
        return "urn:li:dataProduct:" + name;
    }

    /** The tag a product's datasets carry where the catalog has no product entity (Marquez). */
    public String tag() {
        return "product:" + name;
    }

    /**
     * What the product promises its consumers; each part may be absent.
     *
     * @param freshnessHours the data is at most this many hours old
     * @param compatibility the compatibility mode its datasets' schemas keep
     * @param support whom to ask (an address, a channel, a URL)
     */
    public record Terms(Integer freshnessHours, CompatibilityMode compatibility, String support) {
        public static final Terms NONE = new Terms(null, null, null);

        public Terms {
            if (freshnessHours != null && freshnessHours <= 0) {
                throw new IllegalArgumentException(
                        "freshness_hours must be a positive number of hours, not " + freshnessHours);
            }
            support = RecordChecks.optional(support);
        }

        public boolean isEmpty() {
            return freshnessHours == null && compatibility == null && support == null;
        }
    }
}
