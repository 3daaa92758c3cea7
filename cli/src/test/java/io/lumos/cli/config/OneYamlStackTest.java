package io.lumos.cli.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** YAML is read one way: jackson-dataformat-yaml's streaming parser, through {@link YamlReader}. */
class OneYamlStackTest {
    @Test
    void noMainClassUsesSnakeYamlDirectly() {
        JavaClasses lumos = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lumos");
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.yaml..")
                .because("YAML goes through jackson-dataformat-yaml (io.lumos.cli.config.YamlReader keeps"
                        + " file:line:column and rejects duplicate keys); read it with YamlReader, not SnakeYAML")
                .check(lumos);
    }
}
