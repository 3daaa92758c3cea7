package io.lumos.domain;

import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Decimal;
import io.lumos.domain.DataType.EnumType;
import io.lumos.domain.DataType.Fixed;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.Named;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Time;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.DataType.UnionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses type strings. Names that are not plain identifiers (spaces, punctuation, a leading
 * digit) are written between backticks, with a backtick doubled inside.
 */
public final class DataTypes {
    private static final Set<String> PARAMETERIZED = Set.of(
            "decimal",
            "fixed",
            "time",
            "timetz",
            "timestamp",
            "timestamptz",
            "enum",
            "array",
            "map",
            "struct",
            "union");

    private DataTypes() {}

    public static DataType parse(String text) {
        Parser parser = new Parser(text);
        DataType type = parser.type();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected text after the type");
        }
        return type;
    }

    /** True for words that name a type, so that a type reference by name must be quoted. */
    public static boolean isKeyword(String word) {
        return PARAMETERIZED.contains(word) || Primitive.byName(word) != null;
    }

    static String quoteIfNeeded(String name) {
        if (isPlain(name)) {
            return name;
        }
        return "`" + name.replace("`", "``") + "`";
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-' || c == '@' || c == '#';
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text == null ? "" : text;
        }

        DataType type() {
            skipSpace();
            if (peek() == '`') {
                return new Named(quoted());
            }
            String word = word();
            if (word.isEmpty()) {
                throw error("expected a type");
            }
            Primitive primitive = Primitive.byName(word);
            if (primitive != null) {
                return primitive;
            }
            switch (word) {
                case "decimal" -> {
                    expect('(');
                    int p = number();
                    expect(',');
                    int s = number();
                    expect(')');
                    return new Decimal(p, s);
                }
                case "fixed" -> {
                    expect('(');
                    int n = number();
                    expect(')');
                    return new Fixed(n);
                }
                case "time" -> {
                    return new Time(unit(), false);
                }
                case "timetz" -> {
                    return new Time(unit(), true);
                }
                case "timestamp" -> {
                    return new Timestamp(unit(), false);
                }
                case "timestamptz" -> {
                    return new Timestamp(unit(), true);
                }
                case "enum" -> {
                    expect('(');
                    List<String> symbols = new ArrayList<>();
                    skipSpace();
                    if (peek() != ')') {
                        do {
                            symbols.add(name());
                        } while (accept(','));
                    }
                    expect(')');
                    return new EnumType(symbols);
                }
                case "array" -> {
                    expect('<');
                    DataType element = type();
                    expect('>');
                    return new ArrayType(element);
                }
                case "map" -> {
                    expect('<');
                    DataType key = type();
                    expect(',');
                    DataType value = type();
                    expect('>');
                    return new MapType(key, value);
                }
                case "struct" -> {
                    expect('<');
                    List<StructType.Member> members = new ArrayList<>();
                    skipSpace();
                    if (peek() != '>') {
                        do {
                            String name = name();
                            expect(':');
                            members.add(new StructType.Member(name, type()));
                        } while (accept(','));
                    }
                    expect('>');
                    return new StructType(members);
                }
                case "union" -> {
                    expect('<');
                    List<DataType> branches = new ArrayList<>();
                    do {
                        branches.add(type());
                    } while (accept(','));
                    expect('>');
                    return new UnionType(branches);
                }
                default -> {
                    return new Named(word);
                }
            }
        }

        private TimeUnit unit() {
            expect('(');
            String symbol = word();
            expect(')');
            try {
                return TimeUnit.fromSymbol(symbol);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private String name() {
            skipSpace();
            if (peek() == '`') {
                return quoted();
            }
            String word = word();
            if (word.isEmpty()) {
                throw error("expected a name");
            }
            return word;
        }

        private String quoted() {
            expect('`');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw error("unclosed backtick");
                }
                char c = text.charAt(pos++);
                if (c == '`') {
                    if (peek() == '`') {
                        pos++;
                        out.append('`');
                    } else {
                        return out.toString();
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private String word() {
            skipSpace();
            int start = pos;
            while (!atEnd()) {
                if (isNameChar(text.charAt(pos))) {
                    pos++;
                } else {
                    break;
                }
            }
            return text.substring(start, pos);
        }

        private int number() {
            String word = word();
            try {
                return Integer.parseInt(word);
            } catch (NumberFormatException e) {
                throw error("expected a number, found '" + word + "'");
            }
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private boolean accept(char c) {
            skipSpace();
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("bad type string '" + text + "' at position " + pos + ": " + message);
        }
    }
}
