package io.lumos.spi;

/**
 * What went wrong, in a word. The kind decides the exit code: a user can fix USER errors (2), an
 * external system failed for EXTERNAL ones (3), and INTERNAL ones are our bugs (4).
 */
public enum ErrorCode {
    USAGE(Kind.USER),
    CONFIG_INVALID(Kind.USER),
    UNKNOWN_PLATFORM(Kind.USER),
    UNKNOWN_DATASET(Kind.USER),
    UNKNOWN_VERSION(Kind.USER),
    UNSUPPORTED_OPERATION(Kind.USER),
    MISSING_VARIABLE(Kind.USER),
    BAD_INPUT(Kind.EXTERNAL),
    SOURCE_UNREACHABLE(Kind.EXTERNAL),
    SOURCE_FAILED(Kind.EXTERNAL),
    CATALOG_UNREACHABLE(Kind.EXTERNAL),
    CATALOG_FAILED(Kind.EXTERNAL),
    EMIT_FAILED(Kind.EXTERNAL),
    CATALOG_LOCKED(Kind.EXTERNAL),
    PLUGIN_BROKEN(Kind.EXTERNAL),
    /** An output file or folder could not be written (a file in the way, no permission, disk full). */
    WRITE_FAILED(Kind.EXTERNAL),
    INTERNAL(Kind.INTERNAL);

    public enum Kind {
        USER(2),
        EXTERNAL(3),
        INTERNAL(4);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode();
    }
}
