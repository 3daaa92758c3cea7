package io.lumos.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.DataProduct;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Owner;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of a data product, as {@code products get -f json} prints it and the local catalog
 * keeps it: {@code {name, description?, domain?, owners:[{id,type}], datasets:[glob], assets:[urn],
 * terms?:{freshnessHours?, compatibility?, support?}}}.
 */
public final class ProductJson {
    private ProductJson() {}

    public static ObjectNode toNode(DataProduct p) {
        ObjectNode n = ModelJson.mapper().createObjectNode();
        n.put("name", p.name());
        if (p.description() != null) {
            n.put("description", p.description());
        }
        if (p.domain() != null) {
            n.put("domain", p.domain());
        }
        var owners = n.putArray("owners");
        for (Owner o : p.owners()) {
            owners.addObject().put("id", o.urn()).put("type", o.type());
        }
        var datasets = n.putArray("datasets");
        p.datasets().forEach(datasets::add);
        var assets = n.putArray("assets");
        p.assets().forEach(a -> assets.add(a.urn()));
        DataProduct.Terms t = p.terms();
        if (!t.isEmpty()) {
            ObjectNode terms = n.putObject("terms");
            if (t.freshnessHours() != null) {
                terms.put("freshnessHours", t.freshnessHours());
            }
            if (t.compatibility() != null) {
                terms.put("compatibility", t.compatibility().name());
            }
            if (t.support() != null) {
                terms.put("support", t.support());
            }
        }
        return n;
    }

    public static String toJson(DataProduct p) {
        return toNode(p).toString();
    }

    public static DataProduct read(String json) {
        try {
            return fromNode(ModelJson.mapper().readTree(json));
        } catch (IOException | RuntimeException e) {
            throw new LumosException(
                    ErrorCode.CATALOG_FAILED, "a stored data product is not readable: " + e.getMessage(), e);
        }
    }

    public static DataProduct fromNode(JsonNode n) {
        List<Owner> owners = new ArrayList<>();
        n.path("owners")
                .forEach(o -> owners.add(
                        new Owner(o.path("id").asText(), o.path("type").asText(null))));
        List<String> datasets = new ArrayList<>();
        n.path("datasets").forEach(d -> datasets.add(d.asText()));
        List<DatasetId> assets = new ArrayList<>();
        n.path("assets").forEach(a -> assets.add(DatasetId.parse(a.asText(), "PROD")));
        JsonNode t = n.path("terms");
        DataProduct.Terms terms = new DataProduct.Terms(
                t.hasNonNull("freshnessHours") ? t.get("freshnessHours").asInt() : null,
                t.hasNonNull("compatibility")
                        ? CompatibilityMode.parse(t.get("compatibility").asText())
                        : null,
                t.hasNonNull("support") ? t.get("support").asText() : null);
        return new DataProduct(
                n.path("name").asText(),
                n.hasNonNull("description") ? n.get("description").asText() : null,
                n.hasNonNull("domain") ? n.get("domain").asText() : null,
                owners,
                datasets,
                assets,
                terms);
    }
}
