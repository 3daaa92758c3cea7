package io.lumos.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.lumos.cli.config.YamlNode.Entry;
import io.lumos.cli.config.YamlNode.Kind;
import io.lumos.cli.config.YamlNode.Mapping;
import io.lumos.cli.config.YamlNode.Scalar;
import io.lumos.cli.config.YamlNode.Sequence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one YAML document with jackson-dataformat-yaml's streaming {@link YAMLParser} into
 * {@link YamlNode}s that keep where each key and value was written. Aliases ({@code *name}) stand
 * for the node their anchor names; a key written twice in one mapping is a problem (YAML forbids
 * it, and the second would silently replace the first).
 */
public final class YamlReader {
    /** As SnakeYAML's default: more aliases of mappings or lists than this is refused (a "billion laughs" guard). */
    static final int MAX_COLLECTION_ALIASES = 50;

    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final Pattern MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):?$");

    private final String fileName;
    private final List<String> problems;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private int collectionAliases;

    private YamlReader(String fileName, List<String> problems) {
        this.fileName = fileName;
        this.problems = problems;
    }

    /** The text is not YAML; {@link #getMessage()} is {@code file:line:column: invalid YAML: problem}. */
    public static final class InvalidYamlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidYamlException(String message) {
            super(message);
        }
    }

    /**
     * The document, or null when the text holds none. Duplicate keys are added to {@code problems}
     * as {@code file:line:column: duplicate key ...}; text that is not YAML throws.
     */
    public static YamlNode read(String text, String fileName, List<String> problems) {
        YamlReader reader = new YamlReader(fileName, problems);
        try (YAMLParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            YamlNode root = reader.node(parser);
            if (parser.nextToken() != null) {
                throw reader.invalid(parser, "expected a single document in the stream, but found another document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw reader.invalid(e);
        } catch (IOException e) {
            throw new InvalidYamlException(fileName + ": invalid YAML: " + e.getMessage());
        }
    }

    /** The node that starts at the parser's current token. */
    private YamlNode node(YAMLParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        String anchor = p.getObjectId(); // the anchor (&name) of the node, or null
        YamlNode node =
                switch (p.currentToken()) {
                    case START_OBJECT -> mapping(p, line, column);
                    case START_ARRAY -> sequence(p, line, column);
                    default -> p.isCurrentAlias() ? alias(p, p.getText()) : scalar(p, line, column);
                };
        if (anchor != null && !p.isCurrentAlias()) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private Mapping mapping(YAMLParser p, int line, int column) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Entry> seen = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonLocation at = p.currentTokenLocation();
            String key = p.currentName();
            p.nextToken();
            Entry entry = new Entry(key, at.getLineNr(), at.getColumnNr(), node(p));
            Entry first = seen.putIfAbsent(key, entry);
            if (first != null) {
                problems.add(at(entry.line(), entry.column()) + ": duplicate key '" + key + "' (first at "
                        + at(first.line(), first.column()) + "); a key may appear once: merge the two or delete one");
            }
            entries.add(entry);
        }
        return new Mapping(entries, line, column);
    }

    private Sequence sequence(YAMLParser p, int line, int column) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(p));
        }
        return new Sequence(items, line, column);
    }

    private static Scalar scalar(YAMLParser p, int line, int column) throws IOException {
        String text = p.getText();
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> new Scalar(text, Kind.INTEGER, false, line, column);
            case VALUE_NUMBER_FLOAT -> new Scalar(text, Kind.DECIMAL, false, line, column);
            case VALUE_TRUE -> new Scalar(text, Kind.BOOLEAN, true, line, column);
            case VALUE_FALSE -> new Scalar(text, Kind.BOOLEAN, false, line, column);
            case VALUE_NULL -> new Scalar(text == null ? "" : text, Kind.NULL, false, line, column);
            default -> new Scalar(text == null ? "" : text, Kind.STRING, false, line, column);
        };
    }

    private YamlNode alias(YAMLParser p, String name) {
        YamlNode target = anchors.get(name);
        if (target == null) {
            throw invalid(p, "found undefined alias " + name);
        }
        if (!(target instanceof Scalar) && ++collectionAliases > MAX_COLLECTION_ALIASES) {
            throw invalid(
                    p, "Number of aliases for non-scalar nodes exceeds the specified max=" + MAX_COLLECTION_ALIASES);
        }
        return target;
    }

    private InvalidYamlException invalid(YAMLParser p, String problem) {
        JsonLocation at = p.currentTokenLocation();
        return new InvalidYamlException(at(at.getLineNr(), at.getColumnNr()) + ": invalid YAML: " + problem);
    }

    /**
     * SnakeYAML's message (which Jackson passes on) names a context, then the problem with its
     * place ({@code in 'reader', line L, column C:}) and a snippet; the place and the problem make
     * the line.
     */
    private InvalidYamlException invalid(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        List<String> lines = message.lines().toList();
        for (int i = lines.size() - 1; i > 0; i--) {
            Matcher m = MARK.matcher(lines.get(i));
            String problem = lines.get(i - 1);
            if (m.matches() && !problem.isBlank() && !Character.isWhitespace(problem.charAt(0))) {
                return new InvalidYamlException(
                        at(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) + ": invalid YAML: " + problem);
            }
        }
        JsonLocation at = e.getLocation();
        String first = lines.isEmpty() ? e.getClass().getSimpleName() : lines.get(0);
        return new InvalidYamlException(
                (at == null ? fileName : at(at.getLineNr(), at.getColumnNr())) + ": invalid YAML: " + first);
    }

    private String at(int line, int column) {
        return line < 1 ? fileName : fileName + ":" + line + ":" + Math.max(column, 1);
    }
}
