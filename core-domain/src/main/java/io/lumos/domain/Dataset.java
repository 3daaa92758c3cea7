package io.lumos.domain;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A dataset of the universal model: a table, view, collection, file or topic, with its schema and
 * the metadata around it.
 *
 * @param subtype table, view, materialized_view, collection, file, topic, ... (lower case)
 * @param location where the data lives (a path, an s3:// URI, a JDBC URL without credentials)
 * @param version the current version, or null when the catalog keeps none
 */
public record Dataset(
        DatasetId id,
        String description,
        String subtype,
        List<Field> fields,
        List<String> tags,
        List<String> glossaryTerms,
        List<Owner> owners,
        String domain,
        DatasetStatus status,
        Map<String, String> properties,
        Statistics statistics,
        String location,
        DatasetVersion version) {

    public Dataset {
        requireNonNull(id, "id");
        description = RecordChecks.optional(description);
        subtype =
                subtype == null || subtype.isBlank() ? "table" : subtype.strip().toLowerCase(Locale.ROOT);
        fields = RecordChecks.list(fields);
        Set<String> names = new HashSet<>();
        for (Field f : fields) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException(id.shortName() + " has two fields named '" + f.name() + "'");
            }
        }
        tags = RecordChecks.list(tags);
        glossaryTerms = RecordChecks.list(glossaryTerms);
        owners = RecordChecks.list(owners);
        domain = RecordChecks.optional(domain);
        status = status == null ? DatasetStatus.ACTIVE : status;
        properties = RecordChecks.sorted(properties);
        statistics = statistics == null ? Statistics.NONE : statistics;
        location = RecordChecks.optional(location);
    }

    public static Builder builder(DatasetId id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        return new Builder(id)
                .description(description)
                .subtype(subtype)
                .fields(fields)
                .tags(tags)
                .glossaryTerms(glossaryTerms)
                .owners(owners)
                .domain(domain)
                .status(status)
                .properties(properties)
                .statistics(statistics)
                .location(location)
                .version(version);
    }

    public String platform() {
        return id.platform();
    }

    public String name() {
        return id.name();
    }

    /** Every field, nested ones included, depth first. */
    public List<Field> allFields() {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            out.addAll(f.flatten());
        }
        return out;
    }

    /** A field by its dotted path, nested ones included. */
    public Optional<Field> field(String path) {
        for (Field f : allFields()) {
            if (f.path().equals(path)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public Dataset withVersion(DatasetVersion newVersion) {
        return toBuilder().version(newVersion).build();
    }

    public Dataset withOwners(List<Owner> newOwners) {
        return toBuilder().owners(newOwners).build();
    }

    public static final class Builder {
        private final DatasetId id;
        private String description;
        private String subtype;
        private List<Field> fields = List.of();
        private List<String> tags = List.of();
        private List<String> glossaryTerms = List.of();
        private List<Owner> owners = List.of();
        private String domain;
        private DatasetStatus status;
        private Map<String, String> properties = Map.of();
        private Statistics statistics;
        private String location;
        private DatasetVersion version;

        private Builder(DatasetId id) {
            this.id = id;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder subtype(String v) {
            subtype = v;
            return this;
        }

        public Builder fields(List<Field> v) {
            fields = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = v;
            return this;
        }

        public Builder glossaryTerms(List<String> v) {
            glossaryTerms = v;
            return this;
        }

        public Builder owners(List<Owner> v) {
            owners = v;
            return this;
        }

        public Builder domain(String v) {
            domain = v;
            return this;
        }

        public Builder status(DatasetStatus v) {
            status = v;
            return this;
        }

        public Builder properties(Map<String, String> v) {
            properties = v;
            return this;
        }

        public Builder statistics(Statistics v) {
            statistics = v;
            return this;
        }

        public Builder location(String v) {
            location = v;
            return this;
        }

        public Builder version(DatasetVersion v) {
            version = v;
            return this;
        }

        public Dataset build() {
            return new Dataset(
                    id,
                    description,
                    subtype,
                    fields,
                    tags,
                    glossaryTerms,
                    owners,
                    domain,
                    status,
                    properties,
                    statistics,
                    location,
                    version);
        }
    }
}
