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

    /**
     * An output that could not be written, as one line: the path, the reason in words (not the
     * JDK's exception name), what to do. Exit code 3.
     *
     * @param what what was being written ("the snapshot", "the sarif report")
     */
    public static LumosException cannotWrite(String what, java.nio.file.Path path, java.io.IOException e) {
        return new LumosException(
                ErrorCode.WRITE_FAILED,
                "cannot write " + what + " to " + path + ": " + reason(e)
                        + "; choose another path with -o or fix the folder's permissions",
                e);
    }

    private static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied" + (a.getFile() != null ? " on " + a.getFile() : "");
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return (f.getFile() != null ? f.getFile() : "a part of the path") + " is a file, not a folder";
        }
        if (e instanceof java.nio.file.NotDirectoryException n) {
            return n.getFile() + " is a file, not a folder";
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such folder" + (n.getFile() != null ? " for " + n.getFile() : "");
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT)
                    + (f.getFile() != null ? " (" + f.getFile() + ")" : "");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
