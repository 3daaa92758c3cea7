package io.lumos.cli.config;

import io.lumos.cli.config.LumosConfig.OwnerEntry;
import io.lumos.cli.config.LumosConfig.ProductDeclaration;
import io.lumos.domain.diff.CompatibilityMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code data_products:}: named groups of datasets (ids and globs, as {@code ownership:} takes them). */
final class ProductSection {
    private static final Set<String> PRODUCT_KEYS = Set.of(
            "name", "description", "domain", "owners", "datasets", "freshness_hours", "compatibility", "support");

    private final ConfigNodes n;
    private final DeclarationSections declarations;
    private final CompatibilitySection modes;

    ProductSection(ConfigNodes n, DeclarationSections declarations, CompatibilitySection modes) {
        this.n = n;
        this.declarations = declarations;
        this.modes = modes;
    }

    List<ProductDeclaration> read(YamlNode node) {
        List<ProductDeclaration> products = new ArrayList<>();
        if (node == null) {
            return products;
        }
        Set<String> names = new HashSet<>();
        for (YamlNode pn : n.sequence(node, "data_products")) {
            ProductDeclaration d = product(pn);
            if (d == null) {
                continue;
            }
            if (!names.add(d.name())) {
                n.problems.add(d.where() + ": two data products are named '" + d.name() + "'; names must be unique");
            }
            products.add(d);
        }
        return products;
    }

    /** One entry, or null when it is too broken to use (the problems say why). */
    private ProductDeclaration product(YamlNode node) {
        Map<String, YamlNode> pm = n.mapping(node, "a data_products entry");
        n.checkKeys(node, pm, PRODUCT_KEYS, "data_products[].");
        String name = n.required(node, pm, "name");
        if (name != null && !name.matches("[A-Za-z0-9_.\\-]+")) {
            n.problem(
                    pm.get("name"),
                    "data product name '" + name + "' may hold only letters, digits, '_', '.' and '-' (it becomes"
                            + " urn:li:dataProduct:NAME)");
            name = null;
        }
        List<OwnerEntry> owners = pm.containsKey("owners")
                ? declarations.owners(pm.get("owners"), "data_products[].owners[].")
                : List.of();
        List<String> datasets = List.of();
        if (pm.containsKey("datasets")) {
            datasets = n.strings(pm.get("datasets"), "datasets");
        } else {
            n.problem(node, "a data product needs 'datasets' (ids or globs, as ownership takes)");
        }
        Integer freshness = pm.containsKey("freshness_hours") ? freshnessHours(pm.get("freshness_hours")) : null;
        CompatibilityMode mode = pm.containsKey("compatibility") ? modes.mode(pm.get("compatibility")) : null;
        if (name == null) {
            return null;
        }
        return new ProductDeclaration(
                name,
                n.optional(pm, "description"),
                n.optional(pm, "domain"),
                owners,
                datasets,
                freshness,
                mode,
                n.optional(pm, "support"),
                n.at(node));
    }

    private Integer freshnessHours(YamlNode node) {
        String text = n.scalar(node, "freshness_hours");
        try {
            Integer hours = text == null ? null : Integer.valueOf(text.strip());
            if (hours != null && hours <= 0) {
                throw new NumberFormatException();
            }
            return hours;
        } catch (NumberFormatException e) {
            n.problem(node, "freshness_hours must be a whole number of hours above 0, not '" + text + "'");
            return null;
        }
    }
}
