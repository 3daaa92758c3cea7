package io.lumos.source.archfixture;

import io.lumos.platform.archfixture.NewCatalog;

/** A source in a package no rule lists, that wrongly imports a catalog adapter (for ArchitectureTest). */
public final class NewSource {
    public String catalog() {
        return new NewCatalog().name();
    }
}
