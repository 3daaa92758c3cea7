package io.lumos.spi;

import static java.util.Objects.requireNonNull;

/**
 * The one exception users see. Its message is one line that says what failed, where, and what to
 * do; foreign exceptions are wrapped once, at the adapter or source boundary, as the cause.
 */
public class LumosException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public LumosException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public LumosException(ErrorCode code, String message, Throwable cause) {
        // Messages quote what they were given, URLs too: none carries a password on.
        super(Redaction.redactText(message), cause);
        this.code = requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public int exitCode() {
        return code.exitCode();
    }

    public static LumosException unsupported(String platform, Capability capability) {
        return new LumosException(
                ErrorCode.UNSUPPORTED_OPERATION,
                "the %s catalog cannot %s; use a catalog that supports it (see `lumos plugins`)"
                        .formatted(platform, capability.describe()));
    }
}
