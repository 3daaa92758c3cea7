package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.domain.DataProduct;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Owner;
import io.lumos.json.ModelJson;
import io.lumos.json.ProductJson;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "products",
        description = "Read the data products the config declares (data_products:), as the last ingest stored them.",
        subcommands = {ProductsCommand.ListProducts.class, ProductsCommand.Get.class},
        footerHeading = "%nExamples:%n",
        footer = {"  lumos products list", "  lumos products get orders -f json"})
public final class ProductsCommand {

    @Command(
            name = "list",
            description = "Every data product with its domain, owners and how many datasets it holds.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos products list", "  lumos products list -f json"})
    public static final class ListProducts extends BaseCommand {
        @Mixin
        ReadFormat format;

        @Override
        public Integer call() throws IOException {
            List<DataProduct> products = session().catalog().products();
            if (format.get() == Format.JSON) {
                var root = ModelJson.mapper().createObjectNode();
                var array = root.putArray("products");
                products.forEach(p -> array.add(ProductJson.toNode(p)));
                out().println(ModelJson.mapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(root));
                return 0;
            }
            Table t = new Table("PRODUCT", "DOMAIN", "OWNERS", "DATASETS", "COMPATIBILITY", "FRESHNESS");
            for (DataProduct p : products) {
                t.row(
                        p.name(),
                        p.domain() == null ? "" : p.domain(),
                        p.owners().stream().map(Owner::name).collect(Collectors.joining(",")),
                        p.assets().size(),
                        p.terms().compatibility() == null
                                ? ""
                                : p.terms().compatibility().name(),
                        p.terms().freshnessHours() == null ? "" : p.terms().freshnessHours() + "h");
            }
            t.print(out());
            return 0;
        }
    }

    @Command(
            name = "get",
            description = "One data product: its description, terms of use and datasets.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos products get orders", "  lumos products get orders -f json"})
    public static final class Get extends BaseCommand {
        @Parameters(paramLabel = "NAME", description = "The product's name, as data_products: names it")
        String name;

        @Mixin
        ReadFormat format;

        @Override
        public Integer call() throws IOException {
            List<DataProduct> products = session().catalog().products();
            DataProduct p = products.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> {
                        List<String> names =
                                products.stream().map(DataProduct::name).toList();
                        String hint = Settings.didYouMean(name, new java.util.HashSet<>(names));
                        return new LumosException(
                                ErrorCode.USAGE,
                                "no data product named '" + name + "'"
                                        + (hint != null
                                                ? "; did you mean '" + hint + "'?"
                                                : names.isEmpty()
                                                        ? "; declare products under data_products: and run lumos ingest"
                                                        : "; products: " + String.join(", ", names)));
                    });
            if (format.get() == Format.JSON) {
                out().println(ModelJson.mapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(ProductJson.toNode(p)));
                return 0;
            }
            out().println(p.name() + "  (" + p.urn() + ")");
            line("description", p.description());
            line("domain", p.domain());
            line(
                    "owners",
                    p.owners().isEmpty()
                            ? null
                            : p.owners().stream()
                                    .map(o -> o.name() + " (" + o.type() + ")")
                                    .collect(Collectors.joining(", ")));
            line(
                    "freshness",
                    p.terms().freshnessHours() == null ? null : p.terms().freshnessHours() + " hours");
            line(
                    "compatibility",
                    p.terms().compatibility() == null
                            ? null
                            : p.terms().compatibility().name());
            line("support", p.terms().support());
            line("declares", String.join(", ", p.datasets()));
            out().println();
            Table t = new Table("DATASET");
            for (DatasetId id : p.assets()) {
                t.row(id.shortName());
            }
            t.print(out());
            return 0;
        }

        private void line(String label, Object value) {
            if (value != null) {
                out().printf("  %-14s %s%n", label, value);
            }
        }
    }
}
