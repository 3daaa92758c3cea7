package io.lumos.source.files;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code path} of a file source: a file, a folder, or a glob ({@code *}, {@code **}, {@code ?},
 * {@code [..]}) with an optional DataHub-style {@code {table}} segment. The base is the part before
 * the first glob segment; names of datasets are relative to it. The glob is compiled once.
 *
 * @param raw as the user wrote it
 * @param base the folder (or file) before any glob segment, resolved
 * @param matcher matches paths relative to the base, or null for a plain file or folder
 * @param tableDepth the number of segments below the base up to and including {@code {table}}, or
 *     -1 without one
 * @param depth the number of glob segments, or Integer.MAX_VALUE with {@code **}
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
        int tableDepth = -1;
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).contains("{table}")) {
                tableDepth = i + 1;
            }
        }
        // DataHub: a spec that ends with {table} means every file below the table folder
        if (tableDepth == rest.size()) {
            rest.add("**");
        }
        boolean doubleStar = false;
        StringBuilder glob = new StringBuilder();
        for (int i = 0; i < rest.size(); i++) {
            String seg = rest.get(i).replaceAll("\\{[A-Za-z0-9_\\[\\]]+}", "*");
            if (seg.equals("**")) {
                doubleStar = true;
                // "**/" also matches no folder at all, as users expect
                glob.append(i == rest.size() - 1 ? "**" : "{**/,}");
                continue;
            }
            doubleStar |= seg.contains("**");
            glob.append(seg);
            if (i < rest.size() - 1) {
                glob.append('/');
            }
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return new PathSpec(raw, base, matcher, tableDepth, doubleStar ? Integer.MAX_VALUE : rest.size());
    }

    static boolean isGlob(String segment) {
        return segment.indexOf('*') >= 0
                || segment.indexOf('?') >= 0
                || segment.indexOf('[') >= 0
                || segment.matches(".*\\{[A-Za-z0-9_\\[\\]]+}.*");
    }

    /** Whether a target is a glob rather than a plain path. */
    static boolean hasGlob(String target) {
        for (String part : target.replace('\\', '/').split("/")) {
            if (isGlob(part)) {
                return true;
            }
        }
        return false;
    }

    private static Path resolve(String p, Path workingDirectory) {
        Path path = Path.of(p);
        return (path.isAbsolute() ? path : workingDirectory.resolve(path)).normalize();
    }

    boolean isGlob() {
        return matcher != null;
    }
}
