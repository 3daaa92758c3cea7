package io.lumos.cli.archfixture;

import io.lumos.source.archfixture.NewSource;

/** CLI code that wrongly imports a source instead of going through the SPI (for ArchitectureTest). */
public final class Shortcut {
    public String run() {
        return new NewSource().catalog();
    }
}
