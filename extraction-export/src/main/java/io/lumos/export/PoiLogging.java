package io.lumos.export;

/**
 * POI logs through log4j-api, which warns on every run without a provider. The provider is chosen
 * by {@code log4j2.component.properties} in this module's jar, which log4j-api reads through its own
 * class loader, so nothing JVM-wide is set (this used to set the {@code log4j.provider} system
 * property for the whole process).
 */
public final class PoiLogging {
    private PoiLogging() {}

    /**
     * Does nothing: kept so that code written against it still compiles; the provider comes from
     * {@code log4j2.component.properties}.
     */
    @Deprecated
    public static void quiet() {}
}
