package io.lumos.spi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Setting;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Objects;

/**
 * The checks every plugin's settings record gets, after Airlift's {@code ConfigAssertions}: the
 * defaults as recorded, every key mapped to a non-default value, and an unknown key refused with
 * "did you mean" and where it was written.
 */
public final class SettingsAssertions {
    private SettingsAssertions() {}

    /** With nothing written, the record is {@code expected}. */
    public static <T extends Record> void assertDefaults(Class<T> type, T expected) {
        assertThat(SettingsBinder.bind(type, Settings.empty("test"))).isEqualTo(expected);
    }

    /**
     * {@code written} (as YAML would give it: nested sections as maps) names every key of the record
     * and of its sections with a value other than the default, and binds to {@code expected}.
     */
    public static <T extends Record> void assertFullMapping(Class<T> type, Map<String, ?> written, T expected) {
        T defaults = SettingsBinder.bind(type, Settings.empty("test"));
        assertEveryKeyChanged(type, written, expected, defaults, "");
        assertThat(SettingsBinder.bind(type, Settings.of("test", written))).isEqualTo(expected);
    }

    private static void assertEveryKeyChanged(
            Class<?> type, Map<String, ?> written, Object expected, Object defaults, String prefix) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = c.getAnnotation(Setting.class).name();
            assertThat(written).as("the full mapping sets %s%s", prefix, key).containsKey(key);
            Object want = read(c, expected);
            Object fallback = read(c, defaults);
            if (c.getType().isRecord()) {
                assertThat(written.get(key))
                        .as("%s%s is a section", prefix, key)
                        .isInstanceOf(Map.class);
                @SuppressWarnings("unchecked")
                Map<String, ?> section = (Map<String, ?>) written.get(key);
                assertEveryKeyChanged(c.getType(), section, want, fallback, prefix + key + ".");
            } else {
                assertThat(Objects.equals(want, fallback))
                        .as("%s%s is set to its default %s; set it to another value", prefix, key, fallback)
                        .isFalse();
            }
        }
    }

    /**
     * A misspelt key ({@code typo}, written at {@code lumos.yaml:7:3}) is refused, naming where,
     * and suggesting {@code suggestion}.
     */
    public static void assertUnknownKey(
            Class<? extends Record> type, Map<String, ?> valid, String typo, String suggestion) {
        Map<String, Object> values = new java.util.LinkedHashMap<>(valid);
        values.put(typo, "x");
        Settings settings = new Settings("platforms.test", values, Map.of(typo, "lumos.yaml:7:3"));
        assertThatThrownBy(() -> SettingsBinder.bind(type, settings))
                .isInstanceOfSatisfying(
                        LumosException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("lumos.yaml:7:3 (platforms.test." + typo + "): unknown key '" + typo
                        + "'; did you mean '" + suggestion + "'?");
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
