package io.lumos.platform.datahub;

import com.linkedin.common.UrnArray;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.template.StringMap;
import com.linkedin.dataproduct.DataProductAssociation;
import com.linkedin.dataproduct.DataProductAssociationArray;
import com.linkedin.dataproduct.DataProductProperties;
import com.linkedin.domain.Domains;
import io.lumos.domain.DataProduct;
import io.lumos.domain.DatasetId;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data product as DataHub's own data-product YAML ({@code datahub dataproduct upsert}) writes it:
 * a {@code dataProduct} entity keyed {@code urn:li:dataProduct:NAME} with {@code
 * dataProductProperties} (name, description, the datasets as assets, the terms of use as custom
 * properties), {@code domains} and {@code ownership}. Each aspect is sent whole: Lumos's config
 * is the source of the product, as the YAML file is for DataHub's CLI.
 */
final class ProductMapping {
    static final String FRESHNESS_HOURS = "lumos.terms.freshness_hours";
    static final String COMPATIBILITY = "lumos.terms.compatibility";
    static final String SUPPORT = "lumos.terms.support";
    static final String DATASETS = "lumos.datasets";

    private ProductMapping() {}

    static List<Proposal> proposals(DataProduct p) {
        try {
            String urn = p.urn();
            List<Proposal> out = new ArrayList<>(3);
            out.add(Proposal.upsert("dataProduct", urn, "dataProductProperties", properties(p)));
            if (p.domain() != null) {
                String domain = p.domain().startsWith("urn:li:domain:") ? p.domain() : "urn:li:domain:" + p.domain();
                out.add(Proposal.upsert(
                        "dataProduct",
                        urn,
                        "domains",
                        new Domains().setDomains(new UrnArray(List.of(Urn.createFromString(domain))))));
            }
            if (!p.owners().isEmpty()) {
                out.add(Proposal.upsert("dataProduct", urn, "ownership", DatasetMapping.ownership(p.owners())));
            }
            return out;
        } catch (URISyntaxException e) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    "data product " + p.name() + ": an owner or the domain is not a valid URN: " + e.getMessage());
        }
    }

    static DataProductProperties properties(DataProduct p) throws URISyntaxException {
        DataProductAssociationArray assets = new DataProductAssociationArray();
        for (DatasetId id : p.assets()) {
            assets.add(new DataProductAssociation()
                    .setDestinationUrn(
                            Urn.createFromString(DatasetMapping.datasetUrn(id).toString())));
        }
        Map<String, String> custom = new TreeMap<>();
        DataProduct.Terms t = p.terms();
        if (t.freshnessHours() != null) {
            custom.put(FRESHNESS_HOURS, t.freshnessHours().toString());
        }
        if (t.compatibility() != null) {
            custom.put(COMPATIBILITY, t.compatibility().name());
        }
        if (t.support() != null) {
            custom.put(SUPPORT, t.support());
        }
        if (!p.datasets().isEmpty()) {
            custom.put(DATASETS, String.join(", ", p.datasets()));
        }
        DataProductProperties props = new DataProductProperties()
                .setName(p.name())
                .setAssets(assets)
                .setCustomProperties(new StringMap(custom));
        if (p.description() != null) {
            props.setDescription(p.description());
        }
        return props;
    }
}
