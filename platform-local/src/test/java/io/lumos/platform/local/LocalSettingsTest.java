package io.lumos.platform.local;

import static io.lumos.spi.testing.SettingsAssertions.assertDefaults;
import static io.lumos.spi.testing.SettingsAssertions.assertFullMapping;
import static io.lumos.spi.testing.SettingsAssertions.assertUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code platforms.local}: every key, its default, and a typo refused (as Airlift's ConfigAssertions). */
class LocalSettingsTest {
    @Test
    void defaults() {
        assertDefaults(LocalSettings.class, new LocalSettings(".lumos/catalog.db", Duration.ofSeconds(30)));
    }

    @Test
    void everyKeyMaps() {
        assertFullMapping(
                LocalSettings.class,
                Map.of("path", "cat.db", "busy_timeout", "2s"),
                new LocalSettings("cat.db", Duration.ofSeconds(2)));
    }

    @Test
    void aTypoIsRefusedWithWhereAndWhatWasMeant() {
        assertUnknownKey(LocalSettings.class, Map.of(), "pth", "path");
        assertThat(new LocalCatalogFactory().settingNames()).containsExactlyInAnyOrder("path", "busy_timeout");
    }
}
