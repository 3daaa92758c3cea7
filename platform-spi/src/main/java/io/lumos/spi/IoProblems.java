package io.lumos.spi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What went wrong with a file, in one sentence for the user: what happened and what to do, without
 * the exception's class and without the path (the caller names the file once, in front).
 *
 * <pre>{@code
 * catch (IOException e) {
 *     throw new LumosException(BAD_INPUT, path + ": " + IoProblems.describe(e));
 * }
 * }</pre>
 */
public final class IoProblems {
    private IoProblems() {}

    /** The sentence for an I/O failure, e.g. "permission denied; check the file's permissions". */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied; check its permissions (ls -l) or run Lumos as a user who may read it";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder; check the path";
        }
        if (e instanceof FileSystemLoopException || reason(e).contains("too many levels of symbolic links")) {
            return "symbolic links that loop back on themselves; fix or remove the link";
        }
        if (e instanceof NotDirectoryException || reason(e).contains("not a directory")) {
            return "a part of the path is a file, not a folder; check the path";
        }
        if (reason(e).contains("is a directory")) {
            return "is a folder, not a file; give a file";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists; remove it or choose another name";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty; remove what is in it or choose another folder";
        }
        if (reason(e).contains("no space left")) {
            return "the disk is full; free some space and run again";
        }
        if (reason(e).contains("read-only file system")) {
            return "the file system is read-only; write somewhere else";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return "cannot read it: " + f.getReason();
        }
        String m = e.getMessage();
        return "cannot read it: " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }

    /**
     * Why a path that exists cannot be read as a file without blocking or reading forever, or null
     * when it is a regular file or a folder: a named pipe waits for a writer, a device may never end.
     */
    public static String notAFile(Path path) {
        if (Files.isRegularFile(path) || Files.isDirectory(path)) {
            return null;
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.exists(path)) {
            return "is a symbolic link to nothing (or to itself); fix or remove the link";
        }
        String kind = "is not a regular file";
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            if (mode instanceof Integer m) {
                kind = switch (m & 0170000) {
                    case 0010000 -> "is a named pipe (FIFO)";
                    case 0140000 -> "is a socket";
                    case 0020000 -> "is a character device";
                    case 0060000 -> "is a block device";
                    default -> kind;
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // the kind is a nicety: the sentence stands without it
        }
        return kind + ", not a file; Lumos reads regular files: save the data to a file and give that";
    }

    private static String reason(IOException e) {
        String r = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return r == null ? "" : r.toLowerCase(Locale.ROOT);
    }
}
