package io.lumos.platform.archfixture;

/** A catalog adapter in a package no rule lists (for ArchitectureTest). */
public final class NewCatalog {
    public String name() {
        return "new";
    }
}
