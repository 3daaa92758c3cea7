package io.lumos.spi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds a plugin's {@link Settings} to a record whose components carry {@link Setting}: the one
 * place keys are declared, defaults written, unknown keys rejected (with "did you mean" and
 * {@code file:line:column}) and values typed. Every problem of a section is reported at once.
 *
 * <p>Component types: {@code String}, {@code int}/{@code Integer}, {@code long}/{@code Long},
 * {@code double}/{@code Double}, {@code boolean}/{@code Boolean}, {@link Duration} ({@code 30s},
 * {@code 500ms}, {@code 5m}, {@code 2h}), enums (case-insensitive, {@code -} for {@code _}),
 * {@code List<String>} (one value is a list of one), {@code Map<String, String>} (a mapping),
 * records with {@link Setting} components (nested sections), and {@code Object} for a structure the
 * plugin reads itself (lists of mappings: the value as YAML gave it). Only the JDK is used, so that a plugin
 * may bring any library it likes.
 */
public final class SettingsBinder {
    private SettingsBinder() {}

    /** The record bound from {@code settings}; a {@link ErrorCode#CONFIG_INVALID} error lists every problem. */
    public static <T extends Record> T bind(Class<T> type, Settings settings) {
        List<String> problems = new ArrayList<>();
        T bound = bind(type, settings, problems);
        if (!problems.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        return bound;
    }

    /** The keys the record declares, for {@link PluginFactory#settingNames()}. */
    public static Set<String> keys(Class<? extends Record> type) {
        Set<String> keys = new LinkedHashSet<>();
        for (RecordComponent c : components(type)) {
            keys.add(setting(c).name());
        }
        return Set.copyOf(keys);
    }

    /** {@code Type[key=value, ...]} with every secret as {@value Redaction#MASK} and URLs redacted. */
    public static String describe(Record value) {
        StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('[');
        RecordComponent[] components = components(value.getClass());
        for (int i = 0; i < components.length; i++) {
            Setting s = setting(components[i]);
            Object v = get(components[i], value);
            out.append(i == 0 ? "" : ", ").append(s.name()).append('=');
            if (s.secret()) {
                out.append(v == null ? "null" : Redaction.MASK);
            } else if (v instanceof Record r) {
                out.append(describe(r));
            } else {
                out.append(Redaction.redactText(String.valueOf(v)));
            }
        }
        return out.append(']').toString();
    }

    private static <T extends Record> T bind(Class<T> type, Settings settings, List<String> problems) {
        RecordComponent[] components = components(type);
        problems.addAll(settings.unknownKeys(keys(type)));
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i], settings, problems);
        }
        return construct(type, components, values);
    }

    private static Object value(RecordComponent c, Settings settings, List<String> problems) {
        Setting s = setting(c);
        Class<?> raw = c.getType();
        if (raw.isPrimitive() && s.fallback().equals(Setting.NO_DEFAULT)) {
            throw new IllegalStateException(c + " is a primitive and needs a fallback");
        }
        if (raw.isRecord()) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> section = (Class<? extends Record>) raw;
            try {
                return bind(section, settings.child(s.name()), problems);
            } catch (LumosException e) {
                problems.add(e.getMessage()); // not a mapping
                return bind(section, Settings.empty(settings.scope() + "." + s.name()), problems);
            }
        }
        boolean written = settings.has(s.name());
        Settings source = written ? settings : fallbackSettings(settings, s);
        if (source == null) {
            return raw == List.class ? List.of() : raw == Map.class ? Map.of() : null;
        }
        try {
            return convert(c, raw, s, source);
        } catch (LumosException e) {
            problems.add(
                    s.secret()
                            ? settings.where(s.name()) + ": '" + s.name() + "' is not valid (a secret:"
                                    + " the value is not shown)"
                            : e.getMessage());
            return raw.isPrimitive() ? convert(c, raw, s, fallbackSettings(settings, s)) : null;
        }
    }

    /** The fallback as if it had been written, or null when there is none. */
    private static Settings fallbackSettings(Settings settings, Setting s) {
        if (s.fallback().equals(Setting.NO_DEFAULT)) {
            return null;
        }
        return new Settings(settings.scope(), Map.of(s.name(), s.fallback()), Map.of());
    }

    private static Object convert(RecordComponent c, Class<?> raw, Setting s, Settings source) {
        String key = s.name();
        if (raw == String.class) {
            return source.string(key, null);
        }
        if (raw == Object.class) {
            return source.raw(key);
        }
        if (raw == int.class || raw == Integer.class) {
            return source.integer(key, 0);
        }
        if (raw == long.class || raw == Long.class) {
            return source.longValue(key, 0);
        }
        if (raw == double.class || raw == Double.class) {
            return source.decimal(key, 0);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return source.bool(key, false);
        }
        if (raw == Duration.class) {
            return source.duration(key, null);
        }
        if (raw.isEnum()) {
            return enumValue(raw, key, source);
        }
        if (raw == List.class && typeArgument(c, 0) == String.class) {
            return List.copyOf(source.strings(key));
        }
        if (raw == Map.class && typeArgument(c, 1) == String.class) {
            Map<String, String> out = new LinkedHashMap<>();
            source.child(key).asMap().forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
            return java.util.Collections.unmodifiableMap(out);
        }
        throw new IllegalStateException(c + ": " + c.getGenericType() + " is not a type settings bind to");
    }

    private static Object enumValue(Class<?> raw, String key, Settings source) {
        String text = source.string(key, "").strip();
        String wanted = text.toUpperCase(Locale.ROOT).replace('-', '_');
        List<String> names = new ArrayList<>();
        for (Object constant : raw.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            if (name.equals(wanted)) {
                return constant;
            }
            names.add(name.toLowerCase(Locale.ROOT));
        }
        String hint = Settings.didYouMean(text.toLowerCase(Locale.ROOT), names);
        throw source.invalid(
                key,
                "must be one of " + String.join(", ", names) + ", not '" + text + "'"
                        + (hint == null ? "" : "; did you mean '" + hint + "'?"));
    }

    private static Type typeArgument(RecordComponent c, int index) {
        return c.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : null;
    }

    private static RecordComponent[] components(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent c : components) {
            setting(c);
        }
        return components;
    }

    private static Setting setting(RecordComponent c) {
        Setting s = c.getAnnotation(Setting.class);
        if (s == null) {
            throw new IllegalStateException(c.getDeclaringRecord().getName() + "." + c.getName()
                    + " has no @Setting: every component of a settings record names its key");
        }
        return s;
    }

    private static Object get(RecordComponent c, Record value) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    private static <T extends Record> T construct(Class<T> type, RecordComponent[] components, Object[] values) {
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot make " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getName(), e);
        }
    }
}
