import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes the OpenLineage budget's events as JSON lines: RunEvents START and COMPLETE over DATASETS
 * distinct datasets and JOBS jobs, each run with five inputs and five outputs that carry a schema
 * facet, and column lineage on every output (one or two input columns per output column, DIRECT
 * IDENTITY or TRANSFORMATION, and an INDIRECT FILTER). Namespaces as the integrations write them:
 * postgres://, s3a://, snowflake://, kafka://, hdfs://. Every tenth dataset gains a column half way
 * through, so the newest schema must win. Deterministic: the same arguments give the same bytes.
 *
 * <p>Usage: {@code java bench/openlineage/GenerateEvents.java OUT.jsonl [EVENTS] [DATASETS] [JOBS]}
 * (defaults 100000 10000 2000).
 */
public final class GenerateEvents {
    private static final String PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark";
    private static final String RUN_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String SCHEMA_URL =
            "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    private static final String CL_URL =
            "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
    private static final String[] TYPES = {"bigint", "string", "decimal(12,2)", "timestamp", "date"};
    private static final int FIELDS = 5;
    private static final int IO = 5;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int datasets = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int jobs = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        if (jobs * IO > datasets) {
            throw new IllegalArgumentException("each job writes " + IO + " datasets of its own: JOBS * 5 <= DATASETS");
        }
        int[][] inputs = new int[jobs][IO];
        for (int j = 0; j < jobs; j++) {
            SplittableRandom r = new SplittableRandom(j);
            for (int k = 0; k < IO; k++) {
                int d;
                do {
                    d = r.nextInt(datasets);
                } while (d / IO == j);
                inputs[j][k] = d;
            }
        }
        int runs = events / 2;
        int runsPerJob = Math.max(1, runs / jobs);
        Instant base = Instant.parse("2024-05-01T00:00:00Z");
        StringBuilder sb = new StringBuilder(1 << 16);
        try (BufferedWriter w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 20)) {
            for (int run = 0; run < runs; run++) {
                int job = run % jobs;
                int iteration = run / jobs;
                boolean evolved = iteration >= runsPerJob / 2;
                UUID runId = new UUID(0x0190c2a5_6b1e_7000L | run, 0x8000_0000_0000_0000L | job);
                Instant start = base.plusSeconds(run * 10L);
                Instant end = start.plusSeconds(95);
                event(sb, "START", start, runId, job, inputs[job], evolved);
                w.append(sb).append('\n');
                event(sb, "COMPLETE", end, runId, job, inputs[job], evolved);
                w.append(sb).append('\n');
            }
        }
        System.out.printf(
                "%s: %,d events (%,d runs), %,d datasets, %,d jobs, %,d bytes%n",
                out, runs * 2, runs, datasets, jobs, Files.size(out));
    }

    private static void event(
            StringBuilder sb, String type, Instant at, UUID runId, int job, int[] inputs, boolean evolved) {
        sb.setLength(0);
        sb.append("{\"eventType\":\"").append(type).append("\",\"eventTime\":\"").append(at)
                .append("\",\"producer\":\"").append(PRODUCER).append("\",\"schemaURL\":\"").append(RUN_URL)
                .append("\",\"run\":{\"runId\":\"").append(runId).append("\",\"facets\":{}},")
                .append("\"job\":{\"namespace\":\"spark-prod\",\"name\":\"etl_").append(job)
                .append(".execute_insert_into_hadoop_fs_relation_command\",\"facets\":{\"jobType\":{\"_producer\":\"")
                .append(PRODUCER)
                .append("\",\"_schemaURL\":\"https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json\","
                        + "\"processingType\":\"BATCH\",\"integration\":\"SPARK\",\"jobType\":\"SQL_JOB\"}}},");
        sb.append("\"inputs\":[");
        for (int k = 0; k < inputs.length; k++) {
            if (k > 0) {
                sb.append(',');
            }
            dataset(sb, inputs[k], evolved, null);
            sb.append(",\"inputFacets\":{}}");
        }
        sb.append("],\"outputs\":[");
        for (int k = 0; k < IO; k++) {
            if (k > 0) {
                sb.append(',');
            }
            int d = job * IO + k;
            dataset(sb, d, evolved, inputs);
            sb.append(",\"outputFacets\":{}}");
        }
        sb.append("]}");
    }

    /** A dataset without its closing brace, so the caller can add input or output facets. */
    private static void dataset(StringBuilder sb, int d, boolean evolved, int[] lineageFrom) {
        sb.append("{\"namespace\":\"").append(namespace(d)).append("\",\"name\":\"").append(name(d))
                .append("\",\"facets\":{\"schema\":{\"_producer\":\"").append(PRODUCER)
                .append("\",\"_schemaURL\":\"").append(SCHEMA_URL).append("\",\"fields\":[");
        int fields = fields(d, evolved);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                sb.append(',');
            }
            sb.append("{\"name\":\"").append(column(d, f)).append("\",\"type\":\"").append(TYPES[f % TYPES.length])
                    .append("\"}");
        }
        sb.append("]}");
        if (lineageFrom != null) {
            sb.append(",\"columnLineage\":{\"_producer\":\"").append(PRODUCER).append("\",\"_schemaURL\":\"")
                    .append(CL_URL).append("\",\"fields\":{");
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    sb.append(',');
                }
                int a = lineageFrom[(d + f) % lineageFrom.length];
                sb.append('"').append(column(d, f)).append("\":{\"inputFields\":[");
                inputField(sb, a, f % FIELDS, "DIRECT", f == 0 ? "IDENTITY" : "TRANSFORMATION");
                if (f % 2 == 1) {
                    int b = lineageFrom[(d + f + 1) % lineageFrom.length];
                    sb.append(',');
                    inputField(sb, b, 0, "INDIRECT", "FILTER");
                }
                sb.append("]}");
            }
            sb.append("}}");
        }
        sb.append('}');
    }

    private static void inputField(StringBuilder sb, int d, int f, String type, String subtype) {
        sb.append("{\"namespace\":\"").append(namespace(d)).append("\",\"name\":\"").append(name(d))
                .append("\",\"field\":\"").append(column(d, f)).append("\",\"transformations\":[{\"type\":\"")
                .append(type).append("\",\"subtype\":\"").append(subtype).append("\",\"masking\":false}]}");
    }

    private static int fields(int d, boolean evolved) {
        return evolved && d % 10 == 0 ? FIELDS + 1 : FIELDS;
    }

    private static String column(int d, int f) {
        return f == FIELDS ? "added_at" : "c" + f + "_" + (d % 97);
    }

    private static String namespace(int d) {
        return switch (d % 5) {
            case 0 -> "postgres://db.internal:5432";
            case 1 -> "s3a://lake";
            case 2 -> "snowflake://xy12345.eu-central-1";
            case 3 -> "kafka://broker:9092";
            default -> "hdfs://nn:8020";
        };
    }

    private static String name(int d) {
        return switch (d % 5) {
            case 0 -> "shop.public.t" + d;
            case 1 -> "warehouse/zone/t" + d;
            case 2 -> "ANALYTICS.PUBLIC.T" + d;
            case 3 -> "events.t" + d;
            default -> "/warehouse/db.db/t" + d;
        };
    }
}
