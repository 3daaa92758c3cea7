package io.lumos.source.parquet;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Decimal;
import io.lumos.domain.DataType.Fixed;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Time;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.Field;
import io.lumos.domain.TimeUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;

/**
 * Turns the flat, depth-first list of Parquet schema elements into fields of the universal model.
 * Lists and maps follow the backward-compatibility rules of the Parquet LogicalTypes spec (3-level
 * and legacy 2-level lists, MAP_KEY_VALUE); a bare repeated field is an array that is not nullable.
 */
final class ParquetSchemaConverter {
    /** Deeper nesting than this is a hostile file, not data; it would only overflow the stack. */
    static final int MAX_DEPTH = 256;

    /** A schema element with its children. */
    record Node(SchemaElement element, List<Node> children, boolean isGroup, String name) {

        FieldRepetitionType repetition() {
            return element.isSetRepetition_type() ? element.getRepetition_type() : FieldRepetitionType.OPTIONAL;
        }
    }

    /** What a schema element means: its type, the native spelling and the fields below it. */
    private record Converted(DataType type, String nativeType, List<Field> children) {}

    static final class SchemaException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SchemaException(String message) {
            super(message);
        }
    }

    private final List<SchemaElement> elements;
    private int next;
    private final List<List<String>> leafPaths = new ArrayList<>();
    private final ArrayList<String> stack = new ArrayList<>();

    private ParquetSchemaConverter(List<SchemaElement> elements) {
        this.elements = elements;
    }

    /** The top-level fields and the number of leaf columns. */
    record Result(List<Field> fields, List<List<String>> leafPaths) {
        int leafColumns() {
            return leafPaths.size();
        }
    }

    static Result convert(List<SchemaElement> elements) {
        if (elements == null || elements.isEmpty()) {
            throw new SchemaException("the footer has no schema");
        }
        ParquetSchemaConverter c = new ParquetSchemaConverter(elements);
        Node root = c.tree(0, "schema");
        if (c.next != elements.size()) {
            throw new SchemaException("the schema lists " + elements.size() + " elements but its tree holds " + c.next
                    + " (bad child counts)");
        }
        List<Field> fields = c.fields(root.children(), "");
        return new Result(fields, c.leafPaths);
    }

    private Node tree(int depth, String name) {
        if (depth > MAX_DEPTH) {
            throw new SchemaException("the schema nests deeper than " + MAX_DEPTH + " levels");
        }
        if (next >= elements.size()) {
            throw new SchemaException("a group claims more children than the schema has elements (bad child counts)");
        }
        SchemaElement e = elements.get(next++);
        boolean root = depth == 0;
        // a physical type makes a leaf, unless children are declared (some writers set a type on the root)
        if (e.isSetType() && !root && !(e.isSetNum_children() && e.getNum_children() > 0)) {
            List<String> leafPath = new ArrayList<>(stack);
            leafPath.add(e.getName());
            leafPaths.add(leafPath);
            return new Node(e, List.of(), false, name);
        }
        int n = e.isSetNum_children() ? e.getNum_children() : 0;
        if (n < 0 || n > elements.size() - next) {
            throw new SchemaException("group '" + e.getName() + "' claims " + n + " children, the schema has "
                    + (elements.size() - next) + " elements left (bad child counts)");
        }
        List<Node> children = new ArrayList<>(n);
        if (!root) {
            stack.add(e.getName());
        }
        for (int i = 0; i < n; i++) {
            if (next >= elements.size()) {
                throw new SchemaException(
                        "group '" + name + "' claims " + n + " children, the schema ends first (bad child counts)");
            }
            SchemaElement child = elements.get(next);
            String childName = child.getName();
            // an empty name cannot be a field; name it by position, as DuckDB does
            children.add(tree(depth + 1, childName == null || childName.isEmpty() ? "C" + i : childName));
        }
        if (!root) {
            stack.remove(stack.size() - 1);
        }
        return new Node(e, children, true, name);
    }

    private List<Field> fields(List<Node> nodes, String parentPath) {
        List<Field> out = new ArrayList<>(nodes.size());
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            String name = n.name();
            if (!seen.add(name)) {
                throw new SchemaException("two columns are named '" + join(parentPath, name) + "'");
            }
            out.add(field(n, parentPath));
        }
        return out;
    }

    private Field field(Node n, String parentPath) {
        String path = join(parentPath, n.name());
        FieldRepetitionType rep = n.repetition();
        Converted c;
        boolean nullable;
        if (rep == FieldRepetitionType.REPEATED && isMapKeyValue(n) && !isWrapper(n)) {
            // legacy: the repeated key/value group itself carries MAP_KEY_VALUE, with no MAP around it
            c = mapFromKeyValue(n, n, path);
            nullable = false;
        } else {
            c = value(n, path);
            nullable = rep == FieldRepetitionType.OPTIONAL;
            if (rep == FieldRepetitionType.REPEATED) {
                // a bare repeated field, with no LIST around it: a list that cannot be null
                c = new Converted(new ArrayType(c.type()), "repeated " + c.nativeType(), c.children());
            }
        }
        Field.Builder b = Field.builder(n.name(), c.type())
                .path(path)
                .nullable(nullable)
                .nativeType(c.nativeType())
                .fields(c.children());
        if (n.element().isSetField_id()) {
            b.identity(Integer.toString(n.element().getField_id()));
        }
        return b.build();
    }

    /** The type of a node's values, whatever its own repetition. */
    private Converted value(Node n, String path) {
        if (!n.isGroup()) {
            return new Converted(primitive(n.element(), path), nativeType(n.element()), List.of());
        }
        SchemaElement e = n.element();
        LogicalType lt = e.isSetLogicalType() ? e.getLogicalType() : null;
        ConvertedType ct = e.isSetConverted_type() ? e.getConverted_type() : null;
        if ((lt != null && lt.isSetLIST()) || ct == ConvertedType.LIST) {
            Converted list = list(n, path);
            if (list != null) {
                return list;
            }
        }
        if ((lt != null && lt.isSetMAP()) || ct == ConvertedType.MAP || ct == ConvertedType.MAP_KEY_VALUE) {
            Converted map = map(n, path);
            if (map != null) {
                return map;
            }
        }
        if (lt != null && lt.isSetVARIANT()) {
            // semi-structured (metadata + value binaries, maybe shredded): its meaning is a JSON value
            return new Converted(Primitive.JSON, nativeType(e), List.of());
        }
        return struct(n, path);
    }

    private Converted struct(Node n, String path) {
        List<Field> children = fields(n.children(), path);
        List<StructType.Member> members = new ArrayList<>(children.size());
        for (Field f : children) {
            members.add(new StructType.Member(f.name(), f.type()));
        }
        return new Converted(new StructType(members), nativeType(n.element()), children);
    }

    /** LIST rules of the spec; null when the group does not have the shape of a list. */
    private Converted list(Node n, String path) {
        if (n.children().size() != 1) {
            return null;
        }
        Node repeated = n.children().get(0);
        if (repeated.repetition() != FieldRepetitionType.REPEATED) {
            return null;
        }
        Converted element;
        if (!repeated.isGroup()) {
            // legacy 2-level list: the repeated primitive is the element
            element = value(repeated, path);
        } else if (repeated.children().size() != 1
                || repeated.name().equals("array")
                || repeated.name().equals(n.name() + "_tuple")) {
            // legacy: the repeated group is the element (a struct)
            element = isMapKeyValue(repeated)
                            && !isWrapper(repeated)
                            && !repeated.children().isEmpty()
                    ? mapFromKeyValue(repeated, repeated, path)
                    : value(repeated, path);
        } else {
            // the 3-level list: repeated group list { <element> }
            Node item = repeated.children().get(0);
            element = value(item, path);
            if (item.repetition() == FieldRepetitionType.REPEATED) {
                element = new Converted(
                        new ArrayType(element.type()), "repeated " + element.nativeType(), element.children());
            }
        }
        return new Converted(new ArrayType(element.type()), nativeType(n.element()), element.children());
    }

    /** MAP and MAP_KEY_VALUE; null when the group does not have the shape of a map. */
    private Converted map(Node n, String path) {
        if (n.children().size() == 1
                && n.children().get(0).isGroup()
                && n.children().get(0).repetition() == FieldRepetitionType.REPEATED) {
            return mapFromKeyValue(n, n.children().get(0), path);
        }
        return null;
    }

    private Converted mapFromKeyValue(Node annotated, Node keyValue, String path) {
        List<Node> kv = keyValue.children();
        if (kv.isEmpty()) {
            throw new SchemaException("map '" + path + "' has no key column");
        }
        Node key = find(kv, "key", 0);
        Node value = kv.size() > 1 ? find(kv, "value", 1) : null;
        Converted k = value(key, path);
        if (value == null) {
            // a map with no value column (allowed by parquet-mr): keys only, values are null
            return new Converted(new MapType(k.type(), Primitive.NULL), nativeType(annotated.element()), List.of());
        }
        Converted v = value(value, path);
        DataType valueType = value.repetition() == FieldRepetitionType.REPEATED ? new ArrayType(v.type()) : v.type();
        return new Converted(new MapType(k.type(), valueType), nativeType(annotated.element()), v.children());
    }

    private static Node find(List<Node> nodes, String name, int fallback) {
        for (Node n : nodes) {
            if (name.equals(n.name())) {
                return n;
            }
        }
        return nodes.get(fallback);
    }

    private static boolean isMapKeyValue(Node n) {
        return n.isGroup()
                && n.element().isSetConverted_type()
                && n.element().getConverted_type() == ConvertedType.MAP_KEY_VALUE;
    }

    /** A group whose only child is a repeated group: the outer level of a map. */
    private static boolean isWrapper(Node n) {
        return n.children().size() == 1
                && n.children().get(0).isGroup()
                && n.children().get(0).repetition() == FieldRepetitionType.REPEATED;
    }

    // ---- primitives ------------------------------------------------------------------------

    static DataType primitive(SchemaElement e, String path) {
        Type physical = e.getType();
        if (physical == null) {
            throw new SchemaException("column '" + path + "' has an unknown physical type");
        }
        if (physical == Type.FIXED_LEN_BYTE_ARRAY && (!e.isSetType_length() || e.getType_length() < 0)) {
            throw new SchemaException("column '" + path + "' is FIXED_LEN_BYTE_ARRAY without a valid length");
        }
        if (e.isSetConverted_type() && e.getConverted_type() == ConvertedType.INTERVAL) {
            // INTERVAL has no logical type; parquet-mr writes UNKNOWN beside it, the converted type is the truth
            return converted(e, ConvertedType.INTERVAL, physical, path);
        }
        if (e.isSetLogicalType()) {
            return logical(e, e.getLogicalType(), physical, path);
        }
        if (e.isSetConverted_type()) {
            // a converted type id newer than our Thrift definitions decodes as null
            return e.getConverted_type() == null
                    ? Primitive.UNKNOWN
                    : converted(e, e.getConverted_type(), physical, path);
        }
        return plain(e, physical);
    }

    private static DataType plain(SchemaElement e, Type physical) {
        return switch (physical) {
            case BOOLEAN -> Primitive.BOOLEAN;
            case INT32 -> Primitive.INT32;
            case INT64 -> Primitive.INT64;
            // INT96 is the legacy Impala/Spark/Hive timestamp: nanoseconds of a UTC instant
            case INT96 -> new Timestamp(TimeUnit.NANOS, true);
            case FLOAT -> Primitive.FLOAT32;
            case DOUBLE -> Primitive.FLOAT64;
            case BYTE_ARRAY -> Primitive.BYTES;
            case FIXED_LEN_BYTE_ARRAY -> new Fixed(e.getType_length());
        };
    }

    private static DataType logical(SchemaElement e, LogicalType lt, Type physical, String path) {
        LogicalType._Fields set = lt.getSetField();
        if (set == null) {
            // a logical type newer than our Thrift definitions: keep the native type, say unknown
            return Primitive.UNKNOWN;
        }
        switch (set) {
            case STRING:
                require(path, "STRING", physical, Type.BYTE_ARRAY);
                return Primitive.STRING;
            case ENUM:
                // Parquet enums carry no symbols, so the values are plain strings
                require(path, "ENUM", physical, Type.BYTE_ARRAY);
                return Primitive.STRING;
            case JSON:
                require(path, "JSON", physical, Type.BYTE_ARRAY);
                return Primitive.JSON;
            case BSON:
                require(path, "BSON", physical, Type.BYTE_ARRAY);
                return Primitive.BYTES;
            case UUID:
                requireFixed(e, path, "UUID", physical, 16);
                return Primitive.UUID;
            case FLOAT16:
                requireFixed(e, path, "FLOAT16", physical, 2);
                return Primitive.FLOAT16;
            case DATE:
                require(path, "DATE", physical, Type.INT32);
                return Primitive.DATE;
            case DECIMAL:
                return decimal(
                        path,
                        physical,
                        lt.getDECIMAL().getPrecision(),
                        lt.getDECIMAL().getScale());
            case TIME: {
                TimeUnit unit = unit(lt.getTIME().getUnit(), path);
                require(path, "TIME(" + unit + ")", physical, unit == TimeUnit.MILLIS ? Type.INT32 : Type.INT64);
                // isAdjustedToUTC: a time of day in UTC, timetz, as for timestamps
                return new Time(unit, lt.getTIME().isIsAdjustedToUTC());
            }
            case TIMESTAMP: {
                TimeUnit unit = unit(lt.getTIMESTAMP().getUnit(), path);
                require(path, "TIMESTAMP", physical, Type.INT64);
                return new Timestamp(unit, lt.getTIMESTAMP().isIsAdjustedToUTC());
            }
            case INTEGER: {
                int bits = lt.getINTEGER().getBitWidth();
                boolean signed = lt.getINTEGER().isIsSigned();
                if (bits == 64) {
                    require(path, "INTEGER(64)", physical, Type.INT64);
                } else if (bits == 8 || bits == 16 || bits == 32) {
                    require(path, "INTEGER(" + bits + ")", physical, Type.INT32);
                } else {
                    throw new SchemaException("column '" + path + "' has INTEGER with bit width " + bits
                            + " (only 8, 16, 32, 64 are valid)");
                }
                return integer(bits, signed);
            }
            case UNKNOWN:
                // Arrow's NullType: every value is null
                return Primitive.NULL;
            case GEOMETRY:
            case GEOGRAPHY:
                // well-known binary; the model has no geometry type, the native type says which
                require(path, set.name(), physical, Type.BYTE_ARRAY);
                return Primitive.BYTES;
            case MAP:
            case LIST:
            case VARIANT:
            default:
                throw new SchemaException("column '" + path + "' is a " + physical + " with the group annotation "
                        + set.name() + ", which only groups may have");
        }
    }

    private static DataType converted(SchemaElement e, ConvertedType ct, Type physical, String path) {
        switch (ct) {
            case UTF8:
            case ENUM:
                require(path, ct.name(), physical, Type.BYTE_ARRAY);
                return Primitive.STRING;
            case JSON:
                require(path, "JSON", physical, Type.BYTE_ARRAY);
                return Primitive.JSON;
            case BSON:
                require(path, "BSON", physical, Type.BYTE_ARRAY);
                return Primitive.BYTES;
            case DECIMAL:
                return decimal(path, physical, e.getPrecision(), e.getScale());
            case DATE:
                require(path, "DATE", physical, Type.INT32);
                return Primitive.DATE;
            // the spec: the legacy TIME_* converted types are times in UTC (isAdjustedToUTC=true)
            case TIME_MILLIS:
                require(path, "TIME_MILLIS", physical, Type.INT32);
                return new Time(TimeUnit.MILLIS, true);
            case TIME_MICROS:
                require(path, "TIME_MICROS", physical, Type.INT64);
                return new Time(TimeUnit.MICROS, true);
            // the spec: the legacy TIMESTAMP_* converted types are instants (isAdjustedToUTC=true)
            case TIMESTAMP_MILLIS:
                require(path, "TIMESTAMP_MILLIS", physical, Type.INT64);
                return new Timestamp(TimeUnit.MILLIS, true);
            case TIMESTAMP_MICROS:
                require(path, "TIMESTAMP_MICROS", physical, Type.INT64);
                return new Timestamp(TimeUnit.MICROS, true);
            case INT_8:
            case INT_16:
            case INT_32:
                require(path, ct.name(), physical, Type.INT32);
                return integer(Integer.parseInt(ct.name().substring(4)), true);
            case UINT_8:
            case UINT_16:
            case UINT_32:
                require(path, ct.name(), physical, Type.INT32);
                return integer(Integer.parseInt(ct.name().substring(5)), false);
            case INT_64:
                require(path, "INT_64", physical, Type.INT64);
                return Primitive.INT64;
            case UINT_64:
                require(path, "UINT_64", physical, Type.INT64);
                return Primitive.UINT64;
            case INTERVAL:
                requireFixed(e, path, "INTERVAL", physical, 12);
                return Primitive.INTERVAL;
            case MAP:
            case MAP_KEY_VALUE:
            case LIST:
            default:
                throw new SchemaException("column '" + path + "' is a " + physical + " with the group annotation "
                        + ct.name() + ", which only groups may have");
        }
    }

    private static DataType decimal(String path, Type physical, int precision, int scale) {
        if (physical != Type.INT32
                && physical != Type.INT64
                && physical != Type.FIXED_LEN_BYTE_ARRAY
                && physical != Type.BYTE_ARRAY) {
            throw new SchemaException("column '" + path + "' has DECIMAL on " + physical
                    + " (valid: INT32, INT64, FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY)");
        }
        if (precision < 1 || scale < 0 || scale > precision) {
            throw new SchemaException("column '" + path + "' has DECIMAL(" + precision + "," + scale
                    + "), not a valid precision and scale");
        }
        return new Decimal(precision, scale);
    }

    private static TimeUnit unit(org.apache.parquet.format.TimeUnit u, String path) {
        if (u == null || u.getSetField() == null) {
            throw new SchemaException("column '" + path + "' has a time unit Lumos does not know");
        }
        return switch (u.getSetField()) {
            case MILLIS -> TimeUnit.MILLIS;
            case MICROS -> TimeUnit.MICROS;
            case NANOS -> TimeUnit.NANOS;
        };
    }

    private static DataType integer(int bits, boolean signed) {
        return switch (bits) {
            case 8 -> signed ? Primitive.INT8 : Primitive.UINT8;
            case 16 -> signed ? Primitive.INT16 : Primitive.UINT16;
            case 32 -> signed ? Primitive.INT32 : Primitive.UINT32;
            default -> signed ? Primitive.INT64 : Primitive.UINT64;
        };
    }

    private static void require(String path, String annotation, Type actual, Type expected) {
        if (actual != expected) {
            throw new SchemaException(
                    "column '" + path + "' has " + annotation + " on " + actual + " (valid only on " + expected + ")");
        }
    }

    private static void requireFixed(SchemaElement e, String path, String annotation, Type actual, int length) {
        if (actual != Type.FIXED_LEN_BYTE_ARRAY || e.getType_length() != length) {
            throw new SchemaException("column '" + path + "' has " + annotation + " on " + physicalName(e)
                    + " (valid only on FIXED_LEN_BYTE_ARRAY(" + length + "))");
        }
    }

    // ---- native type spelling ----------------------------------------------------------------

    static String nativeType(SchemaElement e) {
        String base = e.isSetType() ? physicalName(e) : "group";
        String annotation = annotation(e);
        return annotation == null ? base : base + " (" + annotation + ")";
    }

    private static String physicalName(SchemaElement e) {
        Type t = e.getType();
        if (t == null) {
            return "group";
        }
        return t == Type.FIXED_LEN_BYTE_ARRAY ? "FIXED_LEN_BYTE_ARRAY(" + e.getType_length() + ")" : t.name();
    }

    private static String annotation(SchemaElement e) {
        if (e.isSetConverted_type() && e.getConverted_type() == ConvertedType.INTERVAL) {
            return "INTERVAL"; // not the UNKNOWN logical type parquet-mr writes beside it
        }
        if (e.isSetLogicalType()) {
            LogicalType lt = e.getLogicalType();
            LogicalType._Fields set = lt.getSetField();
            if (set == null) {
                return "unknown logical type";
            }
            return switch (set) {
                case DECIMAL ->
                    "DECIMAL(" + lt.getDECIMAL().getPrecision() + ","
                            + lt.getDECIMAL().getScale() + ")";
                case TIME ->
                    "TIME(" + unitName(lt.getTIME().getUnit()) + ","
                            + lt.getTIME().isIsAdjustedToUTC() + ")";
                case TIMESTAMP ->
                    "TIMESTAMP(" + unitName(lt.getTIMESTAMP().getUnit()) + ","
                            + lt.getTIMESTAMP().isIsAdjustedToUTC() + ")";
                case INTEGER ->
                    "INTEGER(" + lt.getINTEGER().getBitWidth() + ","
                            + lt.getINTEGER().isIsSigned() + ")";
                case UNKNOWN -> "UNKNOWN";
                default -> set.name();
            };
        }
        if (e.isSetConverted_type()) {
            ConvertedType ct = e.getConverted_type();
            if (ct == null) {
                return "unknown converted type";
            }
            return ct == ConvertedType.DECIMAL ? "DECIMAL(" + e.getPrecision() + "," + e.getScale() + ")" : ct.name();
        }
        return null;
    }

    private static String unitName(org.apache.parquet.format.TimeUnit u) {
        return u == null || u.getSetField() == null ? "?" : u.getSetField().name();
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
