package io.lumos.export;

/** POI logs through log4j-api, which warns on every run without a provider. */
public final class PoiLogging {
    private PoiLogging() {}

    /**
     * Chooses log4j-api's own simple logger, switched off, unless config names one. Must
     * run before any POI class loads.
     */
    public static void quiet() {
        if (System.getProperty("log4j2.loggerContextFactory") == null && System.getProperty("log4j.provider") == null) {
            // log4j-api 2.24 reads log4j.provider; older versions the context factory.
            System.setProperty("log4j.provider", "org.apache.logging.log4j.simple.internal.SimpleProvider");
            System.setProperty(
                    "log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
            // no library writes to the console: what fails reaches the user as Lumos's own problem line
            if (System.getProperty("org.apache.logging.log4j.simplelog.level") == null) {
                System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
            }
            if (System.getProperty("log4j2.statusLoggerLevel") == null) {
                System.setProperty("log4j2.statusLoggerLevel", "OFF");
            }
        }
    }
}
