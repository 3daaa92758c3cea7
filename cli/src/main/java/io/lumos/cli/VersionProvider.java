package io.lumos.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = LumosCommand.class.getPackage().getImplementationVersion();
        return new String[] {"lumos " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
