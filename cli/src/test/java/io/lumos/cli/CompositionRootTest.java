package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import io.lumos.cli.service.ChangeClassifier;
import io.lumos.domain.ChangeType;
import io.lumos.domain.Dataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Guice is the composition root: it builds every command, and a test can hand a command a fake service. */
class CompositionRootTest extends CliTestSupport {
    @TempDir
    Path dir;

    private CliRuntime runtime(StringWriter out, StringWriter err) {
        return new CliRuntime(
                new PrintWriter(out, true), new PrintWriter(err, true), env, dir, Clock.systemUTC(), false);
    }

    @Test
    void theWiringBuildsEveryCommandOfTheTreeWithItsRuntime() throws Exception {
        CliRuntime runtime = runtime(new StringWriter(), new StringWriter());
        CompositionRoot root = new CompositionRoot(runtime, CliModule.commands());
        List<Class<?>> seen = new ArrayList<>();
        walk(new Main(runtime).commandLine(), seen);
        // every command picocli meets in the tree is one the wiring binds, subcommands included
        assertThat(CliModule.commands()).containsExactlyInAnyOrderElementsOf(seen);
        for (Class<?> command : CliModule.commands()) {
            Object built = root.create(command);
            assertThat(built).as(command.getName()).isInstanceOf(command);
            if (built instanceof BaseCommand base) {
                assertThat(base.runtime).as(command.getName()).isSameAs(runtime);
            }
        }
        // each build is a fresh command: a chain's steps do not share option values
        assertThat(root.create(LumosCommand.COMMANDS.get(0))).isNotSameAs(root.create(LumosCommand.COMMANDS.get(0)));
    }

    private static void walk(CommandLine cl, List<Class<?>> seen) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                seen.add(sub.getCommand().getClass());
                walk(sub, seen);
            }
        });
    }

    /** Ingest and `version compare` get the classifier through their constructors: a fake one decides. */
    @Test
    void aFakeClassifierReachesIngestAndVersionCompare() throws Exception {
        Path samples = copySamples(dir);
        assertThat(run(dir, "ingest", "-c", "config-samples/quickstart.yaml", "-q")
                        .code())
                .isZero();
        // a column added: the real classifier names the field, the fake says only that it is breaking
        Path orders = samples.resolve("data/orders.csv");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(orders)) {
            lines.add(line.isEmpty() ? line : line + (lines.isEmpty() ? ",note" : ",x"));
        }
        Files.write(orders, lines);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Main(runtime(out, err), new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(ChangeClassifier.class).toInstance(new AlwaysBreaking());
                    }
                })
                .run(
                        "ingest",
                        "-c",
                        "config-samples/quickstart.yaml",
                        "+",
                        "version",
                        "compare",
                        "csv:orders",
                        "1.0.0",
                        "2.0.0");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("csv:orders 1.0.0 -> 2.0.0");
        assertThat(out.toString())
                .contains("csv:orders 1.0.0 -> 2.0.0: BREAKING_SCHEMA_CHANGE")
                .contains("the fake said so");
        // the version ingest stored carries the fake's words: the fake reached the ingest service
        Result history = run(dir, "version", "history", "csv:orders");
        assertThat(history.out()).as(history.toString()).contains("the fake said so");
        // the real wiring, on the same catalog, judges the same two versions itself
        Result real = run(dir, "version", "compare", "csv:orders", "1.0.0", "2.0.0");
        assertThat(real.out())
                .as(real.toString())
                .contains("FIELD_ADDED_REQUIRED note")
                .doesNotContain("the fake said so");
    }

    private static final class AlwaysBreaking implements ChangeClassifier {
        @Override
        public Change classify(Dataset before, Dataset after) {
            return new Change(ChangeType.BREAKING_SCHEMA_CHANGE, "the fake said so");
        }
    }

    /** The library facade comes from the same wiring, and works. */
    @Test
    void theFacadeIsBuiltByTheWiring() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,amount\n1,2.5\n");
        try (Lumos lumos = Lumos.open(null, dir)) {
            assertThat(lumos.scan(dir.resolve("orders.csv").toString()).datasets())
                    .singleElement()
                    .satisfies(d -> assertThat(d.name()).isEqualTo("orders"));
        }
    }
}
