package io.lumos.source.s3;

import io.lumos.domain.DataType.Primitive;
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
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Scans S3: lists objects (ListObjectsV2, every page), groups them into datasets by path spec or
 * by folder, and reads each dataset's schema from its newest object(s) through the file format
 * readers, with ranged GETs only. Datasets are read in parallel, at most {@code max_concurrency}
 * at a time, which is also the HTTP connection pool's size.
 */
final class S3Source implements SourceHandler {
    /** Errors that mean the credentials, not one bucket, are wrong: the whole source is unusable. */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired");

    private final S3Settings settings;
    private final PluginContext context;
    private final TransferStats stats = new TransferStats();
    private final S3Client s3;

    S3Source(S3Settings settings, PluginContext context) {
        this.settings = settings;
        this.context = context;
        this.s3 = client(settings);
    }

    @Override
    public String name() {
        return settings.name();
    }

    /** What the scans of this source have transferred so far. */
    TransferStats transferStats() {
        return stats;
    }

    // ApacheHttpClient (HttpClient 4.5) is deprecated since SDK 2.5x for the SDK's default
    // Apache5HttpClient; it is kept on purpose for now, as the README says (the lighter client with a
    // bounded pool): moving changes the plugin's jars and is its own measured change
    @SuppressWarnings("deprecation")
    private static S3Client client(S3Settings s) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder()
                .maxConnections(s.maxConcurrency())
                .connectionTimeout(s.connectTimeout())
                .socketTimeout(s.requestTimeout())
                .connectionAcquisitionTimeout(s.requestTimeout());
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(http)
                .region(Region.of(s.region()))
                .forcePathStyle(s.pathStyle())
                // S3 clones differ in checksum support; a schema read needs none
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(s))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(s.requestTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(s.maxAttempts())
                                .build()));
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        return b.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings s) {
        if (s.accessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    s.sessionToken() == null
                            ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
                            : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()));
        }
        if (s.anonymous()) {
            return AnonymousCredentialsProvider.create();
        }
        if (s.endpoint() != null) {
            // a local S3 clone often takes anonymous requests: fall back when no credentials are found;
            // EC2/container metadata is left out, its probes would only add seconds off AWS
            return AwsCredentialsProviderChain.of(
                    EnvironmentVariableCredentialsProvider.create(),
                    SystemPropertyCredentialsProvider.create(),
                    ProfileCredentialsProvider.create(),
                    AnonymousCredentialsProvider.create());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void scan(ScanSink sink) {
        Map<String, TableGroup> tables = new TreeMap<>();
        List<Pattern> exclude = settings.exclude().stream().map(PathSpec::glob).toList();
        Set<String> unreadable = new HashSet<>();
        if (settings.path() != null) {
            S3Uri path = settings.path();
            Optional<List<ObjectRef>> objects = list(path.bucket(), path.key(), exclude, sink, path.toString());
            objects.ifPresent(o -> TableGroup.groupPrefix(
                    path, readable(o, unreadable, settings.defaultExtension(null)), settings.includeHidden(), tables));
        }
        for (PathSpec spec : settings.specs()) {
            for (String bucket : buckets(spec)) {
                Optional<List<ObjectRef>> objects = list(bucket, spec.listPrefix(), exclude, sink, spec.include());
                objects.ifPresent(o -> TableGroup.group(
                        spec,
                        readable(
                                o,
                                unreadable,
                                spec.defaultExtension() != null
                                        ? spec.defaultExtension()
                                        : settings.defaultExtension(null)),
                        settings.includeHidden(),
                        tables));
            }
        }
        for (String ext : unreadable) {
            context.reporter().debug(name() + ": skipped " + ext + " objects: no file format reader for them");
        }
        sink.expect(tables.size());
        readAll(new ArrayList<>(tables.values()), sink);
        if (!unrecognised.isEmpty()) {
            List<String> sorted = unrecognised.stream().sorted().toList();
            context.reporter()
                    .warn(name() + ": skipped " + sorted.size() + " object(s) without an extension whose content is "
                            + "not Parquet, Avro, JSON or delimited text (first: " + sorted.get(0)
                            + "); set default_extension or exclude them");
        }
    }

    /** Objects without an extension read as their path spec's default_extension says. */
    private final Map<ObjectRef, FileFormatReader> byDefaultExtension = new java.util.concurrent.ConcurrentHashMap<>();
    /** Objects without an extension whose first bytes no reader recognised, named once at the end. */
    private final Set<String> unrecognised = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private List<ObjectRef> readable(List<ObjectRef> objects, Set<String> unreadable, String defaultExtension) {
        List<ObjectRef> out = new ArrayList<>(objects.size());
        for (ObjectRef o : objects) {
            String name = o.fileName();
            if (name.toLowerCase(Locale.ROOT).endsWith(".crc")) {
                continue; // checksums Hadoop writes beside data files
            }
            if (context.formatFor(name).isPresent()) {
                out.add(o);
            } else if (!o.key().endsWith("/") && !name.isEmpty() && name.indexOf('.') < 0) {
                // Hive's 000000_0, Spark's part-00000: the default extension, else the content says
                if (defaultExtension != null) {
                    context.formatFor("file" + defaultExtension).ifPresent(r -> byDefaultExtension.put(o, r));
                }
                out.add(o);
            } else if (!o.key().endsWith("/")) {
                int dot = name.lastIndexOf('.');
                unreadable.add(dot < 0 ? "extension-less" : name.substring(dot).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private List<String> buckets(PathSpec spec) {
        if (spec.literalBucket() != null) {
            return List.of(spec.literalBucket());
        }
        try {
            List<String> out = new ArrayList<>();
            for (Bucket b : s3.listBuckets().buckets()) {
                if (spec.bucketMatches(b.name())) {
                    out.add(b.name());
                }
            }
            return out;
        } catch (SdkException e) {
            throw sourceFailure(e, "list the buckets");
        }
    }

    /** Every object under a prefix, or empty after reporting a problem with this bucket. */
    private Optional<List<ObjectRef>> list(
            String bucket, String prefix, List<Pattern> exclude, ScanSink sink, String where) {
        ListObjectsV2Request req = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(prefix.isEmpty() ? null : prefix)
                .maxKeys(1000)
                .build();
        List<ObjectRef> out = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(req).contents()) {
                ObjectRef ref = new ObjectRef(bucket, o.key(), o.size() == null ? 0 : o.size(), o.lastModified());
                if (!TableGroup.excluded(ref, exclude)) {
                    out.add(ref);
                }
            }
            return Optional.of(out);
        } catch (NoSuchBucketException e) {
            sink.problem(new ScanProblem(
                    name(),
                    "s3://" + bucket,
                    "the bucket does not exist (" + where + "); check the bucket name and the endpoint/region",
                    ErrorCode.SOURCE_FAILED,
                    e));
        } catch (AwsServiceException e) {
            if (isCredentialError(e)) {
                throw sourceFailure(e, "list s3://" + bucket);
            }
            sink.problem(new ScanProblem(
                    name(),
                    "s3://" + bucket + "/" + prefix,
                    "could not list (" + oneLine(e) + "); check that the credentials may s3:ListBucket here",
                    ErrorCode.SOURCE_FAILED,
                    e));
        } catch (SdkException e) {
            throw sourceFailure(e, "list s3://" + bucket);
        }
        return Optional.empty();
    }

    private void readAll(List<TableGroup> tables, ScanSink sink) {
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(settings.maxConcurrency(), Math.max(1, tables.size())), daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (TableGroup t : tables) {
                futures.add(pool.submit(() -> {
                    try {
                        read(t, sink).ifPresent(sink::dataset);
                    } catch (RuntimeException e) {
                        // one odd table (duplicate field names from a reader, ...) must not stop the rest
                        sink.problem(new ScanProblem(
                                name(),
                                t.location(),
                                "could not build the dataset (" + oneLine(e) + ")",
                                ErrorCode.BAD_INPUT,
                                e));
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof LumosException le) {
                        throw le; // a source-level failure: the rest would fail the same way
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err; // out of memory, say: the command line says what to do
                    }
                    throw new LumosException(
                            ErrorCode.INTERNAL, "s3 source '" + name() + "': " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LumosException(ErrorCode.SOURCE_FAILED, "s3 source '" + name() + "': interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** An object's reader: by its extension, its path spec's default_extension, or its first bytes. */
    private FileFormatReader readerOf(ObjectRef o) {
        FileFormatReader r = byDefaultExtension.get(o);
        if (r != null) {
            return r;
        }
        r = context.formatFor(o.fileName()).orElse(null);
        if (r != null || o.fileName().indexOf('.') >= 0) {
            return r;
        }
        int n = (int) Math.min(o.size(), io.lumos.spi.file.FormatSniffer.HEAD_BYTES);
        try (S3SeekableInput in = new S3SeekableInput(s3, o, stats)) {
            java.nio.ByteBuffer b = in.read(0, n);
            byte[] head = new byte[b.remaining()];
            b.get(head);
            r = io.lumos.spi.file.FormatSniffer.readerFor(context.fileFormats(), head, n >= o.size())
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            r = null;
        }
        if (r == null) {
            unrecognised.add(o.uri());
        }
        return r;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "lumos-s3-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * One dataset's schema from its newest objects (by LastModified) of the newest object's format;
     * a bad object is reported with its URI and the next newest tried, a few times at most.
     */
    Optional<Dataset> read(TableGroup table, ScanSink sink) {
        List<ObjectRef> candidates = new ArrayList<>();
        for (ObjectRef o : table.files) {
            if (o.size() > 0) {
                candidates.add(o);
            }
        }
        candidates.sort(NEWEST_FIRST);
        List<FileSchema> schemas = new ArrayList<>();
        List<ObjectRef> used = new ArrayList<>();
        FileFormatReader reader = null;
        int attempts = 0;
        int misses = 0;
        for (ObjectRef o : candidates) {
            if (schemas.size() >= settings.sampleFiles() || attempts >= settings.sampleFiles() + 2) {
                break;
            }
            FileFormatReader r = readerOf(o);
            if (r == null && ++misses > settings.sampleFiles() + 2) {
                break; // a table of objects nobody reads: a few looks are enough
            }
            if (r == null || (reader != null && r != reader)) {
                continue;
            }
            reader = r;
            attempts++;
            try (S3SeekableInput in = new S3SeekableInput(s3, o, stats)) {
                schemas.add(r.read(in, readOptions()));
                used.add(o);
            } catch (LumosException e) {
                sink.problem(new ScanProblem(name(), o.uri(), e.getMessage(), e.code(), e));
            } catch (IOException e) {
                if (e.getCause() instanceof NoSuchKeyException) {
                    sink.problem(new ScanProblem(
                            name(),
                            o.uri(),
                            "the object was deleted while scanning; the next newest object is read instead",
                            ErrorCode.SOURCE_FAILED,
                            e));
                    continue;
                }
                sink.problem(new ScanProblem(
                        name(),
                        o.uri(),
                        "could not read the schema (" + oneLine(e) + "); check that the object is a valid "
                                + extension(o) + " file, or exclude it",
                        ErrorCode.BAD_INPUT,
                        e));
            } catch (RuntimeException e) {
                sink.problem(new ScanProblem(
                        name(),
                        o.uri(),
                        "could not read the schema (" + oneLine(e) + "); check that the object is a valid "
                                + extension(o) + " file, or exclude it",
                        ErrorCode.BAD_INPUT,
                        e));
            }
        }
        if (schemas.isEmpty() && !candidates.isEmpty()) {
            return Optional.empty(); // every sampled object failed, each reported
        }
        FileSchema merged = schemas.isEmpty() ? null : schemas.size() == 1 ? schemas.get(0) : reader.merge(schemas);
        List<Field> fields = new ArrayList<>(merged == null ? List.of() : merged.fields());
        Set<String> names = new HashSet<>();
        fields.forEach(f -> names.add(f.name()));
        for (Map.Entry<String, Integer> p : table.partitionKeyCounts.entrySet()) {
            if (names.add(p.getKey())) {
                fields.add(Field.builder(p.getKey(), Primitive.STRING)
                        .nullable(p.getValue() < table.files.size())
                        .partitionKey(true)
                        .nativeType("partition")
                        .build());
            }
        }
        Map<String, String> props = new LinkedHashMap<>(merged == null ? Map.of() : merged.properties());
        props.put("number_of_files", String.valueOf(table.files.size()));
        if (!used.isEmpty()) {
            props.put("schema_inferred_from", used.get(0).uri());
            props.put("sampled_files", String.valueOf(used.size()));
        }
        if (!table.partitionKeyCounts.isEmpty()) {
            props.put("partition_keys", String.join(",", table.partitionKeyCounts.keySet()));
        }
        long size = 0;
        Instant newest = null;
        for (ObjectRef o : table.files) {
            size += o.size();
            if (o.lastModified() != null && (newest == null || o.lastModified().isAfter(newest))) {
                newest = o.lastModified();
            }
        }
        Long rows = !table.folder && merged != null && merged.rowCountExact() ? merged.rowCount() : null;
        return Optional.of(Dataset.builder(new DatasetId(settings.platform(), table.name, context.environment()))
                .subtype(table.folder ? "table" : reader == null ? "file" : reader.subtype())
                .description(merged == null ? null : merged.description())
                .fields(fields)
                .properties(props)
                .statistics(new Statistics(rows, size, newest))
                .location(table.location())
                .build());
    }

    private static final Comparator<ObjectRef> NEWEST_FIRST = Comparator.comparing(
                    ObjectRef::lastModified, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(ObjectRef::key)
            .reversed();

    private FileReadOptions readOptions() {
        return new FileReadOptions(settings.sampleRows(), settings.maxSampleBytes(), false, settings.formatOptions());
    }

    private static String extension(ObjectRef o) {
        String n = o.fileName();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "data" : n.substring(dot + 1);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    private static boolean isCredentialError(AwsServiceException e) {
        return e.awsErrorDetails() != null
                && CREDENTIAL_ERRORS.contains(e.awsErrorDetails().errorCode());
    }

    private LumosException sourceFailure(SdkException e, String doing) {
        String where =
                settings.endpoint() != null ? settings.endpoint().toString() : "AWS S3 (" + settings.region() + ")";
        String what;
        if (e instanceof AwsServiceException ase && isCredentialError(ase)) {
            what = "refused the credentials (" + ase.awsErrorDetails().errorCode()
                    + "); check access_key_id/secret_access_key or the AWS credentials chain";
        } else if (e instanceof AwsServiceException ase) {
            what = "failed (" + oneLine(ase) + ")";
        } else if (e instanceof SdkClientException
                && String.valueOf(e.getMessage()).contains("credentials")) {
            what = "cannot be used: no AWS credentials found; set access_key_id and secret_access_key, or"
                    + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or anonymous: true";
        } else {
            what = "did not answer (" + oneLine(e) + "); check endpoint and region, and that the server is"
                    + " running (connect_timeout/request_timeout set the wait)";
        }
        return new LumosException(
                ErrorCode.SOURCE_UNREACHABLE,
                "s3 source '" + name() + "': " + where + " " + what + " while trying to " + doing,
                e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
