package io.lumos.domain;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.UnionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field of a dataset's schema. {@code path} is dot-joined from the root; {@code fields} holds the
 * children of a struct (reached through arrays and maps too), so that nested fields carry their
 * own description, nullability and identity.
 *
 * @param identity the source's stable identity where it has one (Parquet field id, Postgres attnum,
 *     Avro aliases), used by the diff to match renamed fields
 * @param properties extra facts a source knows (type shares from sampling, codec, ...)
 */
public record Field(
        String name,
        String path,
        DataType type,
        boolean nullable,
        String description,
        List<String> tags,
        String nativeType,
        boolean primaryKey,
        boolean partitionKey,
        String defaultValue,
        String identity,
        Map<String, String> properties,
        List<Field> fields) {

    public Field {
        requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field name must not be empty");
        }
        path = path == null || path.isEmpty() ? name : path;
        requireNonNull(type, "type");
        description = RecordChecks.optional(description);
        tags = RecordChecks.list(tags);
        nativeType = RecordChecks.optional(nativeType);
        identity = RecordChecks.optional(identity);
        properties = RecordChecks.sorted(properties);
        fields = RecordChecks.list(fields);
    }

    /** A top-level field whose children are derived from its type. */
    public static Field of(String name, DataType type, boolean nullable) {
        return builder(name, type).nullable(nullable).build();
    }

    public static Builder builder(String name, DataType type) {
        return new Builder(name, type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, type);
        b.path = path;
        b.nullable = nullable;
        b.description = description;
        b.tags = tags;
        b.nativeType = nativeType;
        b.primaryKey = primaryKey;
        b.partitionKey = partitionKey;
        b.defaultValue = defaultValue;
        b.identity = identity;
        b.properties = properties;
        b.fields = fields;
        return b;
    }

    /** The struct members reachable through arrays and maps, or empty for a leaf type. */
    public static List<StructType.Member> nestedMembers(DataType type) {
        if (type instanceof StructType s) {
            return s.members();
        }
        if (type instanceof ArrayType a) {
            return nestedMembers(a.element());
        }
        if (type instanceof MapType m) {
            return nestedMembers(m.value());
        }
        if (type instanceof UnionType u) {
            for (DataType branch : u.branches()) {
                List<StructType.Member> members = nestedMembers(branch);
                if (!members.isEmpty()) {
                    return members;
                }
            }
        }
        return List.of();
    }

    /** Children for a type, each nullable, with paths below {@code parentPath}. */
    public static List<Field> childrenOf(String parentPath, DataType type) {
        List<Field> out = new ArrayList<>();
        for (StructType.Member m : nestedMembers(type)) {
            out.add(builder(m.name(), m.type())
                    .path(parentPath + "." + m.name())
                    .nullable(true)
                    .build());
        }
        return out;
    }

    /** This field and all nested fields, depth first. */
    public List<Field> flatten() {
        List<Field> out = new ArrayList<>();
        flattenInto(out);
        return out;
    }

    private void flattenInto(List<Field> out) {
        out.add(this);
        for (Field child : fields) {
            child.flattenInto(out);
        }
    }

    public static final class Builder {
        private final String name;
        private final DataType type;
        private String path;
        private boolean nullable = true;
        private String description;
        private List<String> tags = List.of();
        private String nativeType;
        private boolean primaryKey;
        private boolean partitionKey;
        private String defaultValue;
        private String identity;
        private Map<String, String> properties = Map.of();
        private List<Field> fields;

        private Builder(String name, DataType type) {
            this.name = name;
            this.type = type;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder nullable(boolean nullable) {
            this.nullable = nullable;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder nativeType(String nativeType) {
            this.nativeType = nativeType;
            return this;
        }

        public Builder primaryKey(boolean primaryKey) {
            this.primaryKey = primaryKey;
            return this;
        }

        public Builder partitionKey(boolean partitionKey) {
            this.partitionKey = partitionKey;
            return this;
        }

        public Builder defaultValue(String defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder identity(String identity) {
            this.identity = identity;
            return this;
        }

        public Builder properties(Map<String, String> properties) {
            this.properties = properties;
            return this;
        }

        /** Explicit children; when never called, children are derived from the type. */
        public Builder fields(List<Field> fields) {
            this.fields = fields;
            return this;
        }

        public Field build() {
            String p = path == null || path.isEmpty() ? name : path;
            List<Field> children = fields != null ? fields : childrenOf(p, type);
            return new Field(
                    name,
                    p,
                    type,
                    nullable,
                    description,
                    tags,
                    nativeType,
                    primaryKey,
                    partitionKey,
                    defaultValue,
                    identity,
                    properties,
                    children);
        }
    }
}
