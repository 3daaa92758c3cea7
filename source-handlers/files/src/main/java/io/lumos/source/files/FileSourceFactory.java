package io.lumos.source.files;

import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.SourceHandlerFactory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code file} source: local files of every format, each read by the {@code FileFormatReader}
 * for its extension. Selected by {@code type: file} and its aliases (one per format, so a config
 * can say {@code type: csv}; the type also becomes the platform of the datasets).
 */
public final class FileSourceFactory implements SourceHandlerFactory {
    /** Settings handed to the format readers as they are (CSV dialect and limits). */
    static final List<String> READER_OPTIONS = List.of(
            "delimiter",
            "quote",
            "encoding",
            "header",
            "null_values",
            "duplicate_header",
            "max_record_bytes",
            "full_scan_types");

    /** The keys a file source takes besides {@code name} and {@code type}. */
    static final Set<String> SETTINGS = SettingsBinder.keys(FileSourceKeys.class).stream()
            .filter(k -> !k.equals("name") && !k.equals("type"))
            .collect(Collectors.toUnmodifiableSet());

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    @Override
    public String name() {
        return "file";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("csv", "tsv", "json", "jsonl", "parquet", "avro", "files");
    }

    @Override
    public String description() {
        return "local files and folders (CSV, TSV, JSON, JSONL, and Parquet/Avro with their plugins)";
    }

    @Override
    public Set<String> settingNames() {
        return SETTINGS;
    }

    @Override
    public Optional<Map<String, Object>> settingsForTarget(String target) {
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        String t = target.strip();
        if (t.startsWith("file://")) {
            t = t.substring("file://".length());
        } else if (SCHEME.matcher(t).matches()) {
            return Optional.empty();
        }
        if (PathSpec.hasGlob(t)) {
            return Optional.of(Map.of("path", t));
        }
        try {
            Path p = Path.of(t);
            if (!Files.exists(p)) {
                return Optional.empty();
            }
            // One file of a known format gets that format as its platform, as a `type: csv` source
            // would: `lumos scan orders.csv` and an ingest of it both name csv:orders.
            String type = Files.isRegularFile(p) ? formatOf(p.getFileName().toString()) : null;
            return Optional.of(type == null ? Map.of("path", t) : Map.of("path", t, "type", type));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static String formatOf(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.gz$", "");
        for (String[] ext : new String[][] {
            {".csv", "csv"},
            {".tsv", "tsv"},
            {".tab", "tsv"},
            {".jsonl", "jsonl"},
            {".ndjson", "jsonl"},
            {".json", "json"},
            {".parquet", "parquet"},
            {".parq", "parquet"},
            {".avro", "avro"},
            // an Avro schema describes Avro data: avro:<record full name>, as its .avro files
            {".avsc", "avro"}
        }) {
            if (n.endsWith(ext[0])) {
                return ext[1];
            }
        }
        return null;
    }

    @Override
    public SourceHandler create(Settings settings, PluginContext context) {
        return new FileSourceHandler(settings, context);
    }
}
