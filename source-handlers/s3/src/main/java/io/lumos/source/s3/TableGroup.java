package io.lumos.source.s3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Objects that make one dataset: a table folder (with its partitions) or a single file. Built by
 * {@link #group} from a listing, either by path specs or by the folder rule of a bare prefix.
 */
final class TableGroup {
    final String name; // bucket/path/to/table, DataHub's dataset name
    final boolean folder;
    final List<ObjectRef> files = new ArrayList<>();
    final Map<String, Integer> partitionKeyCounts = new LinkedHashMap<>();

    TableGroup(String name, boolean folder) {
        this.name = name;
        this.folder = folder;
    }

    String location() {
        return "s3://" + name + (folder ? "/" : "");
    }

    String bucket() {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    void add(ObjectRef file, List<io.lumos.spi.file.PathSpec.Partition> partitions) {
        files.add(file);
        Set<String> seen = new LinkedHashSet<>();
        for (io.lumos.spi.file.PathSpec.Partition p : partitions) {
            if (seen.add(p.key())) {
                partitionKeyCounts.merge(p.key(), 1, Integer::sum);
            }
        }
    }

    /** Groups objects by a path spec; objects it does not match are left out. */
    static void group(PathSpec spec, List<ObjectRef> objects, boolean includeHidden, Map<String, TableGroup> out) {
        int literal = spec.listPrefix().length();
        for (ObjectRef o : objects) {
            if (!includeHidden && hidden(o.key(), literal)) {
                continue;
            }
            spec.match(o.bucket(), o.key())
                    .ifPresent(m -> out.computeIfAbsent(m.table(), n -> new TableGroup(n, m.folder()))
                            .add(o, m.partitions()));
        }
    }

    /**
     * Groups the objects under a bare prefix: a file right under it is a dataset; each folder right
     * under it is a table, its deeper folders partitions. When every folder under the prefix is a
     * {@code key=value} partition, the prefix itself is the table.
     */
    static void groupPrefix(S3Uri path, List<ObjectRef> objects, boolean includeHidden, Map<String, TableGroup> out) {
        String prefix = path.key();
        String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        List<ObjectRef> under = new ArrayList<>();
        boolean allPartitions = true;
        boolean anyFolder = false;
        for (ObjectRef o : objects) {
            if (o.key().equals(prefix) && !prefix.isEmpty()) {
                out.computeIfAbsent(path.bucket() + "/" + o.key(), n -> new TableGroup(n, false))
                        .add(o, List.of());
                continue;
            }
            if (!o.key().startsWith(base)
                    || o.key().endsWith("/")
                    || (!includeHidden && hidden(o.key(), base.length()))) {
                continue;
            }
            under.add(o);
            String rest = o.key().substring(base.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                allPartitions = false;
            } else {
                anyFolder = true;
                allPartitions &= rest.substring(0, slash).indexOf('=') > 0;
            }
        }
        String root = path.bucket() + (base.isEmpty() ? "" : "/" + base.substring(0, base.length() - 1));
        for (ObjectRef o : under) {
            String rest = o.key().substring(base.length());
            String[] levels = rest.split("/");
            if (anyFolder && allPartitions) {
                out.computeIfAbsent(root, n -> new TableGroup(n, true)).add(o, partitionsOf(levels, 0));
            } else if (levels.length == 1) {
                out.computeIfAbsent(root + "/" + levels[0], n -> new TableGroup(n, false))
                        .add(o, List.of());
            } else {
                out.computeIfAbsent(root + "/" + levels[0], n -> new TableGroup(n, true))
                        .add(o, partitionsOf(levels, 1));
            }
        }
    }

    /** Folders between {@code from} and the file name: key=value, else positional. */
    static List<io.lumos.spi.file.PathSpec.Partition> partitionsOf(String[] levels, int from) {
        List<io.lumos.spi.file.PathSpec.Partition> out = new ArrayList<>();
        int positional = 0;
        for (int i = from; i < levels.length - 1; i++) {
            int eq = levels[i].indexOf('=');
            out.add(
                    eq > 0
                            ? new io.lumos.spi.file.PathSpec.Partition(
                                    levels[i].substring(0, eq), levels[i].substring(eq + 1))
                            : new io.lumos.spi.file.PathSpec.Partition("partition_" + positional++, levels[i]));
        }
        return out;
    }

    /** Levels after the literal prefix that start with '.' or '_' (_SUCCESS, _temporary, .crc) are hidden. */
    static boolean hidden(String key, int from) {
        int start = Math.min(from, key.length());
        // back up to the start of the level the prefix ends in
        while (start > 0 && key.charAt(start - 1) != '/') {
            start--;
        }
        for (String level : key.substring(start).split("/", -1)) {
            if (level.startsWith(".") || level.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    static boolean excluded(ObjectRef o, List<Pattern> exclude) {
        String uri = o.uri();
        for (Pattern p : exclude) {
            if (p.matcher(uri).matches()) {
                return true;
            }
        }
        return false;
    }
}
