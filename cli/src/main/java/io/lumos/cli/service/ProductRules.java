package io.lumos.cli.service;

import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.config.LumosConfig.OwnerEntry;
import io.lumos.cli.config.LumosConfig.ProductDeclaration;
import io.lumos.domain.DataProduct;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Owner;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The config's {@code data_products:}: which datasets each holds, and what they promise. */
public final class ProductRules {
    private final List<ProductDeclaration> declarations;
    private final List<List<Pattern>> patterns = new ArrayList<>();

    public ProductRules(LumosConfig config) {
        this.declarations = config.dataProducts();
        for (ProductDeclaration p : declarations) {
            List<Pattern> ps = new ArrayList<>();
            for (String glob : p.datasets()) {
                ps.add(ConfigRules.glob(glob));
            }
            patterns.add(ps);
        }
    }

    public boolean isEmpty() {
        return declarations.isEmpty();
    }

    /** The names of the products that hold a dataset, in the config's order. */
    public List<String> productsOf(DatasetId id) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < declarations.size(); i++) {
            if (holds(i, id)) {
                out.add(declarations.get(i).name());
            }
        }
        return out;
    }

    private boolean holds(int product, DatasetId id) {
        for (Pattern p : patterns.get(product)) {
            if (ConfigRules.matches(p, id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The compatibility mode the first product holding the dataset promises, or null: in the
     * gate's precedence after {@code compatibility.datasets} and before {@code --mode}.
     */
    public CompatibilityMode promisedMode(DatasetId id) {
        for (int i = 0; i < declarations.size(); i++) {
            if (declarations.get(i).compatibility() != null && holds(i, id)) {
                return declarations.get(i).compatibility();
            }
        }
        return null;
    }

    /**
     * The dataset as a catalog without a product entity keeps it: tagged {@code product:NAME} for
     * each product that holds it.
     */
    public Dataset tagged(Dataset d) {
        List<String> names = productsOf(d.id());
        if (names.isEmpty()) {
            return d;
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>(d.tags());
        for (String n : names) {
            tags.add("product:" + n);
        }
        return d.toBuilder().tags(new ArrayList<>(tags)).build();
    }

    /** The products with the datasets they hold among {@code datasets} (removed ones left out). */
    public List<DataProduct> resolve(Collection<Dataset> datasets) {
        List<DataProduct> out = new ArrayList<>();
        for (int i = 0; i < declarations.size(); i++) {
            ProductDeclaration p = declarations.get(i);
            List<DatasetId> assets = new ArrayList<>();
            for (Dataset d : datasets) {
                if (d.status() != DatasetStatus.REMOVED && holds(i, d.id())) {
                    assets.add(d.id());
                }
            }
            List<Owner> owners = new ArrayList<>();
            try {
                for (OwnerEntry o : p.owners()) {
                    owners.add(new Owner(o.id(), o.type()));
                }
                out.add(new DataProduct(
                        p.name(),
                        p.description(),
                        p.domain(),
                        owners,
                        p.datasets(),
                        assets,
                        new DataProduct.Terms(p.freshnessHours(), p.compatibility(), p.support())));
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.CONFIG_INVALID, p.where() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
