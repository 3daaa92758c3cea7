package io.lumos.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagon, stated once: each rule says how to fix a violation. Plugins are found by package
 * pattern ({@code io.lumos.platform.<name>}, {@code io.lumos.source.<name>}, {@code io.lumos.export}),
 * so a new plugin package is covered without editing this file.
 */
class ArchitectureTest {
    /** Every plugin's packages: catalog adapters, sources and the exporters. */
    private static final String[] ADAPTERS = {"io.lumos.platform..", "io.lumos.source..", "io.lumos.export.."};

    private static final Pattern PLUGIN =
            Pattern.compile("io\\.lumos\\.(platform\\.[^.]+|source\\.[^.]+|export)(\\..*)?");

    /** One slice per plugin: {@code platform.marquez}, {@code source.s3}, {@code export}. */
    private static final SliceAssignment PLUGINS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            Matcher m = PLUGIN.matcher(javaClass.getPackageName());
            return m.matches() ? SliceIdentifier.of(m.group(1)) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "plugins (io.lumos.platform.<name>, io.lumos.source.<name>, io.lumos.export)";
        }
    };

    private static JavaClasses lumos;

    @BeforeAll
    static void importClasses() {
        lumos = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lumos");
    }

    @Test
    void domainDependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage("io.lumos.domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.lumos.domain..", "java..")
                .because("the model and its services are pure: move I/O and libraries into an adapter or the SPI")
                .check(lumos);
    }

    @Test
    void spiDependsOnTheDomainAndTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage("io.lumos.spi..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.lumos.domain..", "io.lumos.spi..", "java..")
                .because("every plugin compiles against the SPI: keep it small, put the rest in a plugin module")
                .check(lumos);
    }

    @Test
    void theSpiNamesNoJacksonType() {
        noClasses()
                .that()
                .resideInAPackage("io.lumos.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.fasterxml..")
                .because("the plugin class loader shares the SPI but not Jackson, so that a plugin can bring the"
                        + " Jackson its client library needs: give the SPI a JDK-only interface and put the"
                        + " Jackson code in lumos-model-json (io.lumos.json), which plugins bundle")
                .check(lumos);
    }

    @Test
    void theJsonCodecDependsOnTheModelTheSpiAndJacksonOnly() {
        classes()
                .that()
                .resideInAPackage("io.lumos.json..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "io.lumos.domain..", "io.lumos.spi..", "io.lumos.json..", "java..", "com.fasterxml.jackson..")
                .because("the codec is bundled by the core and by plugins alike: it may use only what each of them has")
                .check(lumos);
    }

    private static final ArchRule PLUGINS_ARE_APART = slices().assignedFrom(PLUGINS)
            .should()
            .notDependOnEachOther()
            .because("plugins live in separate class loaders: share code through the SPI, not by import");

    private static final ArchRule CLI_REACHES_PLUGINS_THROUGH_THE_SPI = noClasses()
            .that()
            .resideInAPackage("io.lumos.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ADAPTERS)
            .because("the CLI finds plugins through the SPI and the plugin registry (each in its own class"
                    + " loader, possibly absent): reach a plugin through its factory, or move the shared code"
                    + " into the SPI");

    @Test
    void adaptersNeverImportEachOther() {
        PLUGINS_ARE_APART.check(lumos);
    }

    @Test
    void theCliNeverImportsAnAdapterOrASource() {
        CLI_REACHES_PLUGINS_THROUGH_THE_SPI.check(lumos);
    }

    /**
     * The rules by pattern catch plugin packages no list names: fixtures (test classes, so the import
     * above does not see them) of a new source that imports a new catalog adapter, and a CLI class
     * that imports the new source.
     */
    @Test
    void aNewPluginPackageIsCoveredWithoutEditingAList() {
        JavaClasses fixtures = new ClassFileImporter()
                .importPackages(
                        "io.lumos.source.archfixture", "io.lumos.platform.archfixture", "io.lumos.cli.archfixture");
        assertThat(fixtures.contain("io.lumos.source.archfixture.NewSource")).isTrue();
        assertThat(PLUGINS_ARE_APART.evaluate(fixtures).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("io.lumos.source.archfixture.NewSource")
                        && d.contains("io.lumos.platform.archfixture.NewCatalog"));
        assertThat(CLI_REACHES_PLUGINS_THROUGH_THE_SPI
                        .evaluate(fixtures)
                        .getFailureReport()
                        .getDetails())
                .anyMatch(d -> d.contains("io.lumos.cli.archfixture.Shortcut")
                        && d.contains("io.lumos.source.archfixture.NewSource"));
    }

    @Test
    void everyPackageIsAKnownPartOfTheHexagon() {
        classes()
                .should()
                .resideInAnyPackage(
                        "io.lumos.domain..",
                        "io.lumos.spi..",
                        "io.lumos.json..",
                        "io.lumos.cli..",
                        "io.lumos.platform.*..",
                        "io.lumos.source.*..",
                        "io.lumos.export..",
                        "io.lumos.testing..",
                        "io.lumos.distribution..")
                .because("the rules here find plugins by package: put a catalog adapter in io.lumos.platform.<name>,"
                        + " a source in io.lumos.source.<name>")
                .check(lumos);
    }

    @Test
    void adaptersDoNotDependOnTheCli() {
        noClasses()
                .that()
                .resideInAnyPackage(ADAPTERS)
                .or()
                .resideInAnyPackage("io.lumos.domain..", "io.lumos.spi..", "io.lumos.json..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.lumos.cli..")
                .because("the CLI wires everything together; nothing below it may call up into it")
                .check(lumos);
    }

    @Test
    void onlyTheCliUsesPicocliAndGuice() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.lumos.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..", "com.google.inject..")
                .because("command-line parsing and wiring belong to the cli module; expose plain Java APIs instead")
                .check(lumos);
    }
}
