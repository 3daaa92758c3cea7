package io.lumos.source.files;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code path} of a file source: a file, a folder, or a path spec (see {@link
 * io.lumos.spi.file.PathSpec}, which the S3 source shares: {@code *}, {@code **}, {@code ?},
 * {@code [..]}, {@code {a,b}}, and a DataHub-style {@code {table}} level). The base is the folder
 * before the first pattern level; names of datasets are relative to it, and the spec matches paths
 * relative to it.
 *
 * @param raw as the user wrote it
 * @param base the folder (or file) before any pattern level, resolved
 * @param matcher matches paths relative to the base, or null for a plain file or folder
 * @param tableDepth the number of levels below the base up to and including {@code {table}}, or
 *     -1 without one
 * @param depth the number of levels of the spec, or Integer.MAX_VALUE with {@code **}
 */
record PathSpec(String raw, Path base, PathMatcher matcher, int tableDepth, int depth) {

    static PathSpec parse(String raw, Path workingDirectory) {
        String s = raw.strip();
        if (s.startsWith("file://")) {
            s = s.substring("file://".length());
        }
        s = s.replace('\\', '/');
        String[] parts = s.split("/", -1);
        int firstGlob = -1;
        for (int i = 0; i < parts.length; i++) {
            if (isGlob(parts[i])) {
                firstGlob = i;
                break;
            }
        }
        if (firstGlob < 0) {
            return new PathSpec(raw, resolve(s, workingDirectory), null, -1, 0);
        }
        String basePart = String.join("/", java.util.Arrays.copyOfRange(parts, 0, firstGlob));
        if (basePart.isEmpty() && s.startsWith("/")) {
            basePart = "/";
        }
        Path base = resolve(basePart.isEmpty() ? "." : basePart, workingDirectory);
        List<String> rest = new ArrayList<>();
        for (int i = firstGlob; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                rest.add(parts[i]);
            }
        }
        io.lumos.spi.file.PathSpec spec;
        try {
            spec = io.lumos.spi.file.PathSpec.parse(raw, String.join("/", rest));
        } catch (IllegalArgumentException e) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, e.getMessage() + "; fix the path");
        }
        PathMatcher matcher = p -> spec.matches(slashes(p));
        int tableDepth = spec.hasTable() ? spec.tableLevel() + 1 : -1;
        return new PathSpec(raw, base, matcher, tableDepth, spec.depth());
    }

    private static String slashes(Path rel) {
        String separator = rel.getFileSystem().getSeparator();
        String s = rel.toString();
        return separator.equals("/") ? s : s.replace(separator, "/");
    }

    static boolean isGlob(String segment) {
        return io.lumos.spi.file.PathSpec.isPattern(segment);
    }

    /** Whether a target is a glob rather than a plain path. */
    static boolean hasGlob(String target) {
        return io.lumos.spi.file.PathSpec.hasPattern(target);
    }

    private static Path resolve(String p, Path workingDirectory) {
        Path path = Path.of(p);
        return (path.isAbsolute() ? path : workingDirectory.resolve(path)).normalize();
    }

    boolean isGlob() {
        return matcher != null;
    }
}
