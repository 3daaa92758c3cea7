package io.lumos.platform.local;

import io.lumos.spi.Setting;
import java.time.Duration;

/**
 * {@code platforms.local}: the catalog file ({@code :memory:} for an empty catalog that lives as
 * long as the process) and how long a write waits for another process's lock.
 */
record LocalSettings(
        @Setting(name = "path", fallback = ".lumos/catalog.db") String path,
        @Setting(name = "busy_timeout", fallback = "30s") Duration busyTimeout) {}
