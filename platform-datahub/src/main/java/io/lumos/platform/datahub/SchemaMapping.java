package io.lumos.platform.datahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linkedin.common.GlobalTags;
import com.linkedin.common.TagAssociation;
import com.linkedin.common.TagAssociationArray;
import com.linkedin.common.UrnArray;
import com.linkedin.common.urn.DatasetUrn;
import com.linkedin.common.urn.TagUrn;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.template.StringArray;
import com.linkedin.schema.ForeignKeyConstraint;
import com.linkedin.schema.ForeignKeyConstraintArray;
import com.linkedin.schema.MySqlDDL;
import com.linkedin.schema.OtherSchema;
import com.linkedin.schema.SchemaField;
import com.linkedin.schema.SchemaFieldArray;
import com.linkedin.schema.SchemaMetadata;
import com.linkedin.schema.Schemaless;
import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A dataset's schema as DataHub's {@code schemaMetadata} and back.
 *
 * <p>Field paths: v2 ({@code [version=2.0].[type=struct].[type=long].id}) when the schema has nested
 * or union types or comes from Avro, as DataHub's Avro source does; v1 dotted names otherwise, as
 * its CSV, Parquet and SQL sources do. The exact Lumos type, default, identity and field
 * properties ride in {@code jsonProps} under {@code lumos.*} keys so that a round trip through
 * DataHub gives back the same type strings (DataHub's own type union cannot tell int32 from
 * decimal(12,2)).
 */
final class SchemaMapping {
    /** A field property naming the column a field references: {@code <dataset id or URN>#<column>}. */
    static final String FOREIGN_KEY_PROPERTY = "foreignKey";

    static final String JSON_TYPE = "lumos.type";
    static final String JSON_DEFAULT = "lumos.default";
    static final String JSON_IDENTITY = "lumos.identity";
    static final String JSON_PROPERTIES = "lumos.properties";

    private static final Pattern V2_TOKEN = Pattern.compile("\\[[^\\]]*\\]\\.?");
    private static final Set<String> SQL_PLATFORMS =
            Set.of("postgres", "mysql", "mariadb", "mssql", "oracle", "snowflake", "redshift", "bigquery", "sqlite");
    private static final Set<String> SCHEMALESS_PLATFORMS = Set.of("mongodb", "elasticsearch", "dynamodb");

    private final ObjectMapper json;

    SchemaMapping(ObjectMapper json) {
        this.json = json;
    }

    SchemaMetadata toSchemaMetadata(Dataset d, DatasetUrn urn) throws URISyntaxException {
        boolean v2 = needsV2(d);
        SchemaFieldArray fields = new SchemaFieldArray();
        List<String> keys = new ArrayList<>();
        ForeignKeyConstraintArray foreignKeys = new ForeignKeyConstraintArray();
        String root = "[version=2.0].[type=struct]";
        for (Field f : d.fields()) {
            addField(f, v2, root, fields, keys, foreignKeys, urn);
        }
        SchemaMetadata.PlatformSchema platformSchema = new SchemaMetadata.PlatformSchema();
        if (SQL_PLATFORMS.contains(d.platform())) {
            platformSchema.setMySqlDDL(new MySqlDDL().setTableSchema(""));
        } else if (SCHEMALESS_PLATFORMS.contains(d.platform())) {
            platformSchema.setSchemaless(new Schemaless());
        } else {
            platformSchema.setOtherSchema(new OtherSchema().setRawSchema(""));
        }
        SchemaMetadata schema = new SchemaMetadata()
                .setSchemaName(DatasetMapping.displayName(d.id()))
                .setPlatform(urn.getPlatformEntity())
                // DataHub sources always write version 0 and an empty hash; the server versions aspects
                .setVersion(0L)
                .setHash("")
                .setPlatformSchema(platformSchema)
                .setFields(fields);
        if (!keys.isEmpty()) {
            schema.setPrimaryKeys(new StringArray(keys));
        }
        if (!foreignKeys.isEmpty()) {
            schema.setForeignKeys(foreignKeys);
        }
        return schema;
    }

    static boolean needsV2(Dataset d) {
        String p = d.platform();
        if (p.equals("avro")
                || p.equals("kafka")
                || d.name().toLowerCase(Locale.ROOT).endsWith(".avro")) {
            return true;
        }
        for (Field f : d.fields()) {
            if (isComplex(f.type())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isComplex(DataType t) {
        if (t instanceof DataType.StructType || t instanceof DataType.UnionType || t instanceof DataType.Named) {
            return true;
        }
        if (t instanceof DataType.ArrayType a) {
            return isComplex(a.element());
        }
        if (t instanceof DataType.MapType m) {
            return isComplex(m.value());
        }
        return false;
    }

    /** The type tokens of a v2 path for a type: arrays and maps name their element too. */
    private static String typeTokens(DataType t) {
        if (t instanceof DataType.ArrayType a) {
            return "[type=array]." + typeTokens(a.element());
        }
        if (t instanceof DataType.MapType m) {
            return "[type=map]." + typeTokens(m.value());
        }
        return "[type=" + TypeMapping.token(t) + "]";
    }

    private void addField(
            Field f,
            boolean v2,
            String parent,
            SchemaFieldArray out,
            List<String> keys,
            ForeignKeyConstraintArray foreignKeys,
            DatasetUrn urn)
            throws URISyntaxException {
        String path = v2 ? parent + "." + typeTokens(f.type()) + "." + f.name() : f.path();
        SchemaField sf = new SchemaField()
                .setFieldPath(path)
                .setNullable(f.nullable())
                .setType(TypeMapping.toDataHub(f.type()))
                .setNativeDataType(
                        f.nativeType() != null ? f.nativeType() : f.type().print())
                .setRecursive(f.type() instanceof DataType.Named)
                .setIsPartOfKey(f.primaryKey())
                .setJsonProps(jsonProps(f));
        if (f.partitionKey()) {
            sf.setIsPartitioningKey(true);
        }
        if (f.description() != null) {
            sf.setDescription(f.description());
        }
        if (!f.tags().isEmpty()) {
            sf.setGlobalTags(tags(f.tags()));
        }
        out.add(sf);
        if (f.primaryKey()) {
            keys.add(path);
        }
        String fk = f.properties().get(FOREIGN_KEY_PROPERTY);
        if (fk != null) {
            foreignKeys.add(foreignKey(f, path, fk, urn));
        }
        String childParent = path;
        if (v2 && f.type() instanceof DataType.UnionType u) {
            // a real union: one path per member, as DataHub's Avro converter writes
            String unionParent = parent + ".[type=union]";
            for (DataType branch : u.branches()) {
                String memberPath = unionParent + "." + typeTokens(branch) + "." + f.name();
                out.add(new SchemaField()
                        .setFieldPath(memberPath)
                        .setNullable(false)
                        .setType(TypeMapping.toDataHub(branch))
                        .setNativeDataType(branch.print())
                        .setRecursive(false)
                        .setIsPartOfKey(false));
                if (!Field.nestedMembers(branch).isEmpty() && childParent.equals(path)) {
                    childParent = memberPath;
                }
            }
        }
        for (Field child : f.fields()) {
            addField(child, v2, childParent, out, keys, foreignKeys, urn);
        }
    }

    private ForeignKeyConstraint foreignKey(Field f, String path, String reference, DatasetUrn urn)
            throws URISyntaxException {
        int hash = reference.lastIndexOf('#');
        if (hash <= 0 || hash == reference.length() - 1) {
            throw new IllegalArgumentException("field " + f.path() + ": foreignKey '" + reference
                    + "' must look like <platform>:<name>#<column> or <dataset URN>#<column>");
        }
        DatasetId target = DatasetId.parse(
                reference.substring(0, hash), urn.getOriginEntity().name());
        DatasetUrn targetUrn = DatasetMapping.datasetUrn(target);
        return new ForeignKeyConstraint()
                .setName("fk_" + f.path())
                .setForeignDataset(targetUrn)
                .setForeignFields(new UrnArray(List.of(schemaFieldUrn(targetUrn, reference.substring(hash + 1)))))
                .setSourceFields(new UrnArray(List.of(schemaFieldUrn(urn, path))));
    }

    static Urn schemaFieldUrn(Urn dataset, String fieldPath) throws URISyntaxException {
        return Urn.createFromString("urn:li:schemaField:(" + dataset + "," + encodeFieldPath(fieldPath) + ")");
    }

    /** As DataHub's Python encoder: the URN delimiters inside a field path are percent-encoded. */
    static String encodeFieldPath(String path) {
        return path.replace("%", "%25").replace(",", "%2C").replace("(", "%28").replace(")", "%29");
    }

    static String decodeFieldPath(String path) {
        return path.replace("%2C", ",").replace("%28", "(").replace("%29", ")").replace("%25", "%");
    }

    static GlobalTags tags(List<String> names) throws URISyntaxException {
        TagAssociationArray arr = new TagAssociationArray();
        for (String t : names) {
            arr.add(new TagAssociation().setTag(TagUrn.createFromString(DatasetMapping.tagUrn(t))));
        }
        return new GlobalTags().setTags(arr);
    }

    private String jsonProps(Field f) {
        if (f.defaultValue() == null && f.identity() == null && f.properties().isEmpty()) {
            // the common case, without a tree: this runs once per field of every dataset
            return "{\"" + JSON_TYPE + "\":\""
                    + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
                            .quoteAsString(f.type().print()))
                    + "\"}";
        }
        ObjectNode n = json.createObjectNode();
        n.put(JSON_TYPE, f.type().print());
        if (f.defaultValue() != null) {
            n.put(JSON_DEFAULT, f.defaultValue());
        }
        if (f.identity() != null) {
            n.put(JSON_IDENTITY, f.identity());
        }
        Map<String, String> props = new TreeMap<>(f.properties());
        props.remove(FOREIGN_KEY_PROPERTY);
        if (!props.isEmpty()) {
            ObjectNode p = n.putObject(JSON_PROPERTIES);
            props.forEach(p::put);
        }
        try {
            return json.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A v2 path without its {@code [..]} tokens: what DataHub's UI and Timeline call the v1 path. */
    static String v1(String fieldPath) {
        if (!fieldPath.startsWith("[")) {
            return fieldPath;
        }
        return V2_TOKEN.matcher(fieldPath).replaceAll("");
    }

    // ---- read

    private static final class Node {
        final String path;
        final SchemaField field;
        final List<Node> children = new ArrayList<>();
        Node parent;

        Node(String path, SchemaField field) {
            this.path = path;
            this.field = field;
        }
    }

    /** The fields of a schemaMetadata as Lumos fields, nested by their v1 paths. */
    List<Field> fromSchemaMetadata(SchemaMetadata schema) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (SchemaField sf : schema.getFields()) {
            String path = v1(sf.getFieldPath());
            if (path.isEmpty()) {
                continue;
            }
            // union members repeat their union's v1 path: the union itself comes first and wins
            nodes.putIfAbsent(path, new Node(path, sf));
        }
        Map<String, String> foreign = new HashMap<>();
        if (schema.hasForeignKeys()) {
            for (ForeignKeyConstraint fk : schema.getForeignKeys()) {
                if (fk.getSourceFields().isEmpty() || fk.getForeignFields().isEmpty()) {
                    continue;
                }
                String source = v1(decodeFieldPath(
                        fk.getSourceFields().get(0).getEntityKey().get(1)));
                Urn target = fk.getForeignFields().get(0);
                String targetPath = v1(decodeFieldPath(target.getEntityKey().get(1)));
                DatasetId targetId = DatasetId.parse(target.getEntityKey().get(0), "PROD");
                // the shorthand when it says the same thing, as sources write it
                String ref = targetId.env().equals("PROD") ? targetId.shortName() : targetId.urn();
                foreign.put(source, ref + "#" + targetPath);
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Node n : nodes.values()) {
            String p = n.path;
            int dot = p.lastIndexOf('.');
            while (dot > 0 && n.parent == null) {
                Node candidate = nodes.get(p.substring(0, dot));
                if (candidate != null) {
                    n.parent = candidate;
                    candidate.children.add(n);
                }
                dot = p.lastIndexOf('.', dot - 1);
            }
            if (n.parent == null) {
                roots.add(n);
            }
        }
        List<Field> out = new ArrayList<>();
        for (Node r : roots) {
            out.add(toField(r, "", foreign));
        }
        return out;
    }

    private Field toField(Node n, String parentPath, Map<String, String> foreign) {
        SchemaField sf = n.field;
        String name = parentPath.isEmpty() ? n.path : n.path.substring(parentPath.length() + 1);
        List<Field> children = new ArrayList<>();
        for (Node c : n.children) {
            children.add(toField(c, n.path, foreign));
        }
        JsonNode props = readJsonProps(sf);
        DataType type = null;
        String lumosType = props.path(JSON_TYPE).asText(null);
        if (lumosType != null) {
            try {
                type = DataTypes.parse(lumosType);
            } catch (IllegalArgumentException e) {
                type = null;
            }
        }
        String nativeType = sf.getNativeDataType();
        if (type == null) {
            type = withChildren(TypeMapping.fromDataHub(sf.getType(), nativeType), children);
        } else if (type.print().equals(nativeType)) {
            nativeType = null;
        }
        Map<String, String> properties = new TreeMap<>();
        props.path(JSON_PROPERTIES)
                .properties()
                .forEach(e -> properties.put(e.getKey(), e.getValue().asText()));
        if (foreign.containsKey(n.path)) {
            properties.put(FOREIGN_KEY_PROPERTY, foreign.get(n.path));
        }
        List<String> tags = new ArrayList<>();
        if (sf.hasGlobalTags()) {
            for (TagAssociation t : sf.getGlobalTags().getTags()) {
                tags.add(DatasetMapping.tagName(t.getTag().toString()));
            }
        }
        return Field.builder(name, type)
                .path(n.path)
                .nullable(sf.isNullable())
                .description(sf.getDescription())
                .tags(tags)
                .nativeType(nativeType)
                .primaryKey(Boolean.TRUE.equals(sf.isIsPartOfKey()))
                .partitionKey(Boolean.TRUE.equals(sf.isIsPartitioningKey()))
                .defaultValue(props.path(JSON_DEFAULT).asText(null))
                .identity(props.path(JSON_IDENTITY).asText(null))
                .properties(properties)
                .fields(children)
                .build();
    }

    /** For schemas other tools wrote: a record or array of records takes its members from the children. */
    private static DataType withChildren(DataType type, List<Field> children) {
        if (children.isEmpty()) {
            return type;
        }
        List<DataType.StructType.Member> members = new ArrayList<>();
        for (Field c : children) {
            members.add(new DataType.StructType.Member(c.name(), c.type()));
        }
        DataType.StructType struct = new DataType.StructType(members);
        if (type instanceof DataType.ArrayType) {
            return new DataType.ArrayType(struct);
        }
        if (type instanceof DataType.MapType m) {
            return new DataType.MapType(m.key(), struct);
        }
        if (type instanceof DataType.StructType) {
            return struct;
        }
        return type;
    }

    private JsonNode readJsonProps(SchemaField sf) {
        if (!sf.hasJsonProps()) {
            return json.createObjectNode();
        }
        try {
            JsonNode n = json.readTree(sf.getJsonProps());
            return n == null || !n.isObject() ? json.createObjectNode() : n;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
