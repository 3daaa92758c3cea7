package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.domain.DatasetId;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.json.ModelJson;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.LumosException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "assertions",
        description = {
            "Assertion results, failing first: the latest result of each assertion on each dataset.",
            "Assertions are declared under assertions: in the config and checked at every ingest."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  lumos assertions", "  lumos assertions csv:orders --history", "  lumos assertions -f json"})
public final class AssertionsCommand extends BaseCommand {
    @Parameters(
            arity = "0..1",
            paramLabel = "ID",
            description = "Only this dataset: platform:name (csv:orders) or its URN")
    String id;

    @Option(names = "--history", description = "Every stored result, newest first, not only the latest")
    boolean history;

    @Mixin
    ReadFormat format;

    @Override
    public Integer call() throws java.io.IOException {
        CatalogAdapter catalog = session().catalog();
        if (!catalog.can(Capability.ASSERTIONS)) {
            throw LumosException.unsupported(catalog.name(), Capability.ASSERTIONS);
        }
        DatasetId only = id == null ? null : DatasetArguments.parse(session(), id);
        List<AssertionResult> results = select(catalog.assertionResults(), only, history);
        if (format.get() == Format.JSON) {
            try (var g = ModelJson.generator(out(), true)) {
                g.writeStartObject();
                g.writeArrayFieldStart("assertions");
                for (AssertionResult r : results) {
                    g.writeStartObject();
                    g.writeStringField("dataset", r.dataset().shortName());
                    g.writeStringField("urn", r.dataset().urn());
                    g.writeStringField("check", r.check());
                    g.writeStringField("kind", r.kind().name());
                    g.writeStringField("status", r.status().name());
                    g.writeStringField("severity", r.severity().name());
                    g.writeStringField("expected", r.expected());
                    g.writeStringField("actual", r.actual());
                    g.writeStringField("reason", r.reason());
                    g.writeStringField("evaluatedAt", r.evaluatedAt().toString());
                    g.writeStringField("phase", r.phase());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out().println();
            return 0;
        }
        if (results.isEmpty()) {
            note("no assertion results" + (only == null ? "" : " for " + only.shortName())
                    + "; declare assertions: in the config and run `lumos ingest`");
            return 0;
        }
        Table t = new Table("STATUS", "SEVERITY", "DATASET", "CHECK", "EXPECTED", "ACTUAL", "WHEN", "REASON");
        for (AssertionResult r : results) {
            t.row(
                    r.status(),
                    r.severity(),
                    r.dataset().shortName(),
                    r.check(),
                    r.expected(),
                    r.actual(),
                    r.evaluatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    r.reason());
        }
        t.print(out());
        return 0;
    }

    /**
     * The latest result of each (dataset, check), failing first; with {@code all}, every result,
     * failing first and newest first within.
     */
    static List<AssertionResult> select(List<AssertionResult> stored, DatasetId only, boolean all) {
        List<AssertionResult> out = new ArrayList<>();
        if (all) {
            for (AssertionResult r : stored) {
                if (only == null || r.dataset().equals(only)) {
                    out.add(r);
                }
            }
            out.sort(java.util.Comparator.comparing(AssertionResult::status)
                    .thenComparing(AssertionResult::evaluatedAt, java.util.Comparator.reverseOrder())
                    .thenComparing(AssertionResult::dataset)
                    .thenComparing(AssertionResult::check));
            return out;
        }
        Map<String, AssertionResult> latest = new LinkedHashMap<>();
        for (AssertionResult r : stored) {
            if (only != null && !r.dataset().equals(only)) {
                continue;
            }
            latest.merge(r.assertionKey(), r, (a, b) -> b.evaluatedAt().isBefore(a.evaluatedAt()) ? a : b);
        }
        out.addAll(latest.values());
        out.sort(AssertionResult.ORDER);
        return out;
    }
}
