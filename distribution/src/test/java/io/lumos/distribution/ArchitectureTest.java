package io.lumos.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon, stated once: each rule says how to fix a violation. */
class ArchitectureTest {
    private static final String[] ADAPTERS = {
        "io.lumos.platform.local..",
        "io.lumos.platform.datahub..",
        "io.lumos.platform.marquez..",
        "io.lumos.source.files..",
        "io.lumos.source.parquet..",
        "io.lumos.source.avro..",
        "io.lumos.source.postgres..",
        "io.lumos.source.mongodb..",
        "io.lumos.source.s3..",
        "io.lumos.source.openlineage..",
        "io.lumos.export.."
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
    void spiDependsOnTheDomainAndJacksonOnly() {
        classes()
                .that()
                .resideInAPackage("io.lumos.spi..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.lumos.domain..", "io.lumos.spi..", "java..", "com.fasterxml.jackson..")
                .because("every plugin compiles against the SPI: keep it small, put the rest in a plugin module")
                .check(lumos);
    }

    @Test
    void adaptersNeverImportEachOther() {
        for (String adapter : ADAPTERS) {
            String[] others = java.util.Arrays.stream(ADAPTERS)
                    .filter(a -> !a.equals(adapter))
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(adapter)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("plugins live in separate class loaders: share code through the SPI, not by import")
                    .allowEmptyShould(true)
                    .check(lumos);
        }
    }

    @Test
    void adaptersDoNotDependOnTheCli() {
        noClasses()
                .that()
                .resideInAnyPackage(ADAPTERS)
                .or()
                .resideInAnyPackage("io.lumos.domain..", "io.lumos.spi..")
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
