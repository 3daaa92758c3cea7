package io.lumos.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One key of a plugin's settings, on a component of the record {@link SettingsBinder} binds:
 *
 * <pre>
 * record Keys(
 *         &#64;Setting(name = "url", fallback = "http://localhost:5000") String url,
 *         &#64;Setting(name = "api_key", secret = true) String apiKey,
 *         &#64;Setting(name = "timeout", fallback = "10s") Duration timeout,
 *         &#64;Setting(name = "kafka") KafkaKeys kafka) {}
 * </pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {
    /** What {@link #fallback()} is when the key has no default: null for objects. */
    String NO_DEFAULT = "\u0000none";

    /** The key as written in YAML. */
    String name();

    /** The value when the key is not written, as it would be written in YAML. */
    String fallback() default NO_DEFAULT;

    /** Never printed: not in messages, not in {@link SettingsBinder#describe}. */
    boolean secret() default false;
}
