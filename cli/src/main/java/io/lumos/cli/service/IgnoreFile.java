package io.lumos.cli.service;

import io.lumos.cli.config.YamlNode;
import io.lumos.cli.config.YamlReader;
import io.lumos.domain.diff.IgnoreEntry;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gate's ignore file, YAML or JSON (YAML reads both):
 *
 * <pre>
 * ignore:
 *   - dataset: postgres:shop.public.orders   # URN, platform:name or *
 *     path: customer_id                       # dotted path, prefix*, or * (default)
 *     rule: FIELD_REMOVED                     # rule id or *
 *     reason: consumers moved to customers.id # required
 *     expires: 2026-12-31                     # optional; after it the entry stops applying
 * </pre>
 */
public final class IgnoreFile {
    private static final Set<String> KEYS = Set.of("dataset", "path", "rule", "reason", "expires");

    private IgnoreFile() {}

    public static List<IgnoreEntry> read(Path file) {
        Object root;
        List<String> problems = new ArrayList<>();
        try {
            YamlNode node = YamlReader.read(Files.readString(file, StandardCharsets.UTF_8), file.toString(), problems);
            root = node == null ? null : YamlNode.plain(node);
        } catch (NoSuchFileException e) {
            throw new LumosException(ErrorCode.USAGE, file + ": no such ignore file");
        } catch (YamlReader.InvalidYamlException e) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, e.getMessage() + " (an ignore file is YAML or JSON)");
        } catch (IOException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID, file + ": not a YAML or JSON ignore file: " + firstLine(e.getMessage()));
        }
        Object list = root instanceof Map<?, ?> m ? m.get("ignore") : root;
        if (root == null) {
            return List.of();
        }
        if (!(list instanceof List<?> entries)) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    file + ": expected `ignore:` with a list of {dataset, path, rule, reason}");
        }
        List<IgnoreEntry> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = file + ": ignore entry " + (i + 1);
            if (!(entries.get(i) instanceof Map<?, ?> e)) {
                problems.add(where + " is not a mapping");
                continue;
            }
            for (Object k : e.keySet()) {
                if (!KEYS.contains(String.valueOf(k))) {
                    problems.add(where + ": unknown key '" + k + "' (expected dataset, path, rule, reason, expires)");
                }
            }
            try {
                out.add(new IgnoreEntry(
                        text(e.get("dataset")),
                        text(e.get("path")),
                        text(e.get("rule")),
                        text(e.get("reason")),
                        date(e.get("expires"))));
            } catch (IllegalArgumentException | DateTimeParseException ex) {
                problems.add(where + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        return out;
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    private static LocalDate date(Object v) {
        if (v == null) {
            return null;
        }
        return LocalDate.parse(String.valueOf(v).strip());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
