package io.lumos.source.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.Statistics;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.SourceHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;

/**
 * Scans MongoDB: per selected collection, a sample of documents ({@code $sample}, or the first N
 * when the server refuses it or the collection is no larger than the sample) is analysed like
 * Compass does; a validator's {@code $jsonSchema} is the declared schema when present.
 */
final class MongoDbSource implements SourceHandler {
    static final String PLATFORM = "mongodb";
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "config", "local");

    private final MongoDbSettings settings;
    private final PluginContext context;

    MongoDbSource(MongoDbSettings settings, PluginContext context) {
        this.settings = settings;
        this.context = context;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public void scan(ScanSink sink) {
        try (MongoClient client = MongoClients.create(clientSettings())) {
            List<String> databases = databases(client);
            Map<String, List<CollectionInfo>> selected = new LinkedHashMap<>();
            long total = 0;
            for (String db : databases) {
                List<CollectionInfo> infos = new ArrayList<>();
                for (BsonDocument entry : client.getDatabase(db).listCollections(BsonDocument.class)) {
                    CollectionInfo info = CollectionInfo.parse(entry);
                    // filtered here: some servers ignore listCollections filters
                    if (!info.isSystem() && settings.selects(db, info.name())) {
                        infos.add(info);
                    }
                }
                infos.sort((a, b) -> a.name().compareTo(b.name()));
                selected.put(db, infos);
                total += infos.size();
            }
            sink.expect(total);
            for (Map.Entry<String, List<CollectionInfo>> e : selected.entrySet()) {
                MongoDatabase db = client.getDatabase(e.getKey());
                for (CollectionInfo info : e.getValue()) {
                    String where = e.getKey() + "." + info.name();
                    try {
                        sink.dataset(read(db, info));
                    } catch (MongoTimeoutException | MongoSocketException | MongoSecurityException ex) {
                        throw sourceFailure(ex);
                    } catch (LumosException ex) {
                        sink.problem(ScanProblem.of(name(), where, ex));
                    } catch (RuntimeException ex) {
                        sink.problem(new ScanProblem(
                                name(),
                                where,
                                "could not read the collection (" + oneLine(ex)
                                        + "); check the user's read rights, or exclude it with 'exclude'",
                                ErrorCode.SOURCE_FAILED,
                                ex));
                    }
                }
            }
        } catch (MongoTimeoutException | MongoSocketException | MongoSecurityException e) {
            throw sourceFailure(e);
        } catch (MongoCommandException e) {
            String hint = e.getErrorCode() == 13
                    ? "; the user may not list databases: set 'database', or grant listDatabases"
                    : "";
            throw new LumosException(
                    ErrorCode.SOURCE_FAILED,
                    "mongodb source '" + name() + "' at " + settings.hosts() + " failed: " + oneLine(e) + hint,
                    e);
        } catch (MongoException e) {
            throw new LumosException(
                    ErrorCode.SOURCE_FAILED,
                    "mongodb source '" + name() + "' at " + settings.hosts() + " failed: " + oneLine(e),
                    e);
        }
    }

    private MongoClientSettings clientSettings() {
        long serverSelection = settings.serverSelectionTimeout().toMillis();
        long connect = settings.connectTimeout().toMillis();
        long socket = settings.socketTimeout().toMillis();
        return MongoClientSettings.builder()
                .applyConnectionString(settings.uri())
                .applicationName("lumos")
                .applyToClusterSettings(b -> b.serverSelectionTimeout(serverSelection, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b ->
                        b.connectTimeout(connect, TimeUnit.MILLISECONDS).readTimeout(socket, TimeUnit.MILLISECONDS))
                .build();
    }

    private List<String> databases(MongoClient client) {
        if (settings.database() != null) {
            return List.of(settings.database());
        }
        List<String> out = new ArrayList<>();
        for (String db : client.listDatabaseNames()) {
            if (!SYSTEM_DATABASES.contains(db)) {
                out.add(db);
            }
        }
        out.sort(null);
        return out;
    }

    Dataset read(MongoDatabase db, CollectionInfo info) {
        MongoCollection<BsonDocument> collection = db.getCollection(info.name(), BsonDocument.class);
        Long count = info.isView() ? null : estimatedCount(collection);
        SchemaAnalyzer analyzer = new SchemaAnalyzer();
        String sampling = sample(collection, settings.sampleSize(), settings.randomSampling(), count, analyzer);
        if (analyzer.documents() == 0 && !stillThere(db, info.name())) {
            // reading a missing collection yields nothing rather than an error: say what happened
            throw new LumosException(
                    ErrorCode.SOURCE_FAILED, "the collection was dropped while scanning; scan again to confirm");
        }
        return toDataset(db.getName(), info, analyzer, sampling, count);
    }

    private static boolean stillThere(MongoDatabase db, String name) {
        for (String n : db.listCollectionNames()) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private Long estimatedCount(MongoCollection<BsonDocument> collection) {
        try {
            return collection.estimatedDocumentCount(new com.mongodb.client.model.EstimatedDocumentCountOptions()
                    .maxTime(settings.socketTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (MongoCommandException e) {
            return null; // time-series collections on older servers refuse a count; the schema still counts
        }
    }

    /**
     * Feeds up to {@code size} documents to the analyser and says how they were chosen. Random
     * {@code $sample} unless the collection is no larger than the sample (then all of it, in order)
     * or the server refuses the stage (then the first {@code size}).
     */
    static String sample(
            MongoCollection<BsonDocument> collection, int size, boolean random, Long count, SchemaAnalyzer analyzer) {
        String method = "first";
        MongoCursor<BsonDocument> cursor = null;
        if (random && (count == null || count > size)) {
            try {
                cursor = collection
                        .aggregate(List.of(Aggregates.sample(size)))
                        .allowDiskUse(true)
                        .iterator();
                method = "random";
            } catch (MongoCommandException e) {
                method = "first (the server refused $sample: " + oneLine(e) + ")";
            }
        }
        if (cursor == null) {
            cursor = collection.find().limit(size).iterator();
        }
        try (MongoCursor<BsonDocument> c = cursor) {
            int n = 0;
            while (n < size && c.hasNext()) {
                analyzer.add(c.next());
                n++;
            }
        }
        return method;
    }

    private Dataset toDataset(String db, CollectionInfo info, SchemaAnalyzer analyzer, String sampling, Long count) {
        SchemaAnalyzer.Result inferred = analyzer.result(settings.maxFields());
        Map<String, String> props = new LinkedHashMap<>(info.properties());
        props.put("sampled_documents", String.valueOf(analyzer.documents()));
        props.put("sampling", sampling);
        List<Field> fields = inferred.fields();
        if (info.jsonSchema().isPresent()) {
            fields = declaredWithSamples(info.jsonSchema().get(), inferred.fields());
            props.put("schema.source", "validator");
        } else {
            props.put("schema.source", "sample");
        }
        if (inferred.downsampled()) {
            props.put("schema.downsampled", "true");
            props.put("schema.totalFields", String.valueOf(inferred.totalFields()));
            context.reporter()
                    .warn(name() + ": " + db + "." + info.name() + ": " + inferred.totalFields()
                            + " fields seen, kept the " + settings.maxFields()
                            + " most frequent; raise max_fields to keep more");
        }
        return Dataset.builder(new DatasetId(PLATFORM, db + "." + info.name(), context.environment()))
                .subtype(info.subtype())
                .fields(fields)
                .properties(props)
                .statistics(new Statistics(count, null, null))
                .location(settings.hosts() + "/" + db + "." + info.name())
                .build();
    }

    /**
     * The validator's fields, each with the shares seen in the sample; then, unless the validator
     * forbids other fields, the sampled fields it does not declare.
     */
    static List<Field> declaredWithSamples(BsonDocument jsonSchema, List<Field> sampled) {
        Map<String, Field> byName = new HashMap<>();
        for (Field f : sampled) {
            byName.put(f.name(), f);
        }
        List<Field> out = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        for (Field f : JsonSchemaFields.fields(jsonSchema)) {
            declared.add(f.name());
            Field seen = byName.get(f.name());
            if (seen != null) {
                Map<String, String> props = new LinkedHashMap<>(seen.properties());
                props.putAll(f.properties());
                f = f.toBuilder().properties(props).build();
            }
            out.add(f);
        }
        if (JsonSchemaFields.allowsOtherFields(jsonSchema)) {
            for (Field f : sampled) {
                if (!declared.contains(f.name())) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    LumosException sourceFailure(MongoException e) {
        String what;
        if (e instanceof MongoSecurityException) {
            what = "refused the credentials (" + oneLine(e) + "); check the user and password in the uri";
        } else if (e instanceof MongoTimeoutException) {
            what = "did not answer within " + settings.serverSelectionTimeout().toMillis()
                    + " ms; check the host and port in the uri and that MongoDB is running"
                    + " (server_selection_timeout sets the wait)";
        } else {
            what = "dropped the connection (" + oneLine(e) + "); check the network, or raise socket_timeout";
        }
        return new LumosException(
                ErrorCode.SOURCE_UNREACHABLE, "mongodb source '" + name() + "': " + settings.hosts() + " " + what, e);
    }

    /** A foreign message on one line, with any URI password masked. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = MongoDbSettings.mask(m.replaceAll("\\s+", " ").strip());
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
