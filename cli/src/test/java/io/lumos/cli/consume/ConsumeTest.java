package io.lumos.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.LineageEdge;
import io.lumos.platform.local.LocalCatalogFactory;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code lumos consume} against a real Kafka broker (a child JVM, started once for the class):
 * the same catalog as a file ingest, a kill -9 and a restart, poison events, SIGTERM, and two
 * consumers of one group.
 */
class ConsumeTest extends BrokerTestSupport {

    // ---- events -------------------------------------------------------------------------------

    /**
     * {@code runs} runs of {@code jobs} jobs, START (names only, as Airflow sends it) then COMPLETE
     * (schemas, column lineage); job j reads {@code postgres://db:5432 shop.public.src_j} and
     * {@code src_(j+1)}, writes {@code s3a://lake out/j}; from the second half of the runs the
     * outputs gain a column, so versions change.
     */
    static List<String> events(int runs, int jobs) {
        List<String> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        for (int r = 0; r < runs; r++) {
            int j = r % jobs;
            boolean wide = r >= runs / 2;
            String runId = String.format("00000000-0000-4000-8000-%012d", r);
            for (String type : List.of("START", "COMPLETE")) {
                boolean complete = type.equals("COMPLETE");
                ObjectNode e = JSON.createObjectNode();
                e.put("eventType", type);
                e.put("eventTime", t0.plusSeconds(r * 60L + (complete ? 30 : 0)).toString());
                e.put("producer", "https://github.com/apache/airflow/tree/providers-openlineage/1.8.0");
                e.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
                e.putObject("run").put("runId", runId);
                ObjectNode job = e.putObject("job");
                job.put("namespace", "airflow");
                job.put("name", "etl.job_" + j);
                ArrayNode inputs = e.putArray("inputs");
                for (int k = 0; k < 2; k++) {
                    ObjectNode in = inputs.addObject();
                    in.put("namespace", "postgres://db:5432");
                    in.put("name", "shop.public.src_" + ((j + k) % (jobs + 1)));
                    if (complete) {
                        schema(in.putObject("facets"), false);
                    }
                }
                ObjectNode o = e.putArray("outputs").addObject();
                o.put("namespace", "s3a://lake");
                o.put("name", "out/" + j);
                if (complete) {
                    ObjectNode facets = o.putObject("facets");
                    schema(facets, wide);
                    ObjectNode fields = facets.putObject("columnLineage").putObject("fields");
                    ObjectNode id = fields.putObject("id");
                    ObjectNode f = id.putArray("inputFields").addObject();
                    f.put("namespace", "postgres://db:5432");
                    f.put("name", "shop.public.src_" + j);
                    f.put("field", "id");
                    ObjectNode tr = f.putArray("transformations").addObject();
                    tr.put("type", "DIRECT");
                    tr.put("subtype", "IDENTITY");
                }
                out.add(e.toString());
            }
        }
        return out;
    }

    private static void schema(ObjectNode facets, boolean wide) {
        ArrayNode fields = facets.putObject("schema").putArray("fields");
        fields.addObject().put("name", "id").put("type", "bigint");
        fields.addObject().put("name", "name").put("type", "character varying(255)");
        if (wide) {
            fields.addObject().put("name", "amount").put("type", "numeric(12,2)");
        }
    }

    static String topic(int partitions) {
        String t = "ol-" + TOPICS.incrementAndGet();
        kafka.createTopic(t, partitions);
        return t;
    }

    /** Sends each event with a key, so a run's events share a partition and keep their order. */
    static void produce(String topic, List<String> events) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("linger.ms", "5");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String e : events) {
                String key;
                try {
                    key = JSON.readTree(e).path("job").path("name").asText("none");
                } catch (IOException notJson) {
                    key = "poison";
                }
                producer.send(new ProducerRecord<>(
                        topic, key.getBytes(StandardCharsets.UTF_8), e.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private Path config(String name, String topic, String group, int maxPollRecords) throws IOException {
        return kafkaConfig(name, topic, group, maxPollRecords, "");
    }

    /** {@code lumos consume -c CONFIG --catalog-path CATALOG --idle-timeout IDLE MORE...}, in-process. */
    private Result consume(Path config, String catalog, String idle, String... more) {
        List<String> args = new java.util.ArrayList<>(
                List.of("consume", "-c", config.toString(), "--catalog-path", catalog, "--idle-timeout", idle));
        args.addAll(List.of(more));
        return run(dir, args.toArray(new String[0]));
    }

    private Path fileConfig(List<String> events) throws IOException {
        Files.write(dir.resolve("events.jsonl"), events);
        Path file = dir.resolve("file.yaml");
        Files.writeString(file, LINEAGE_SOURCE + "      path: events.jsonl\n");
        return file;
    }

    // ---- the catalog's state, without the times a write chose --------------------------------

    record State(Map<String, Dataset> datasets, Map<String, List<String>> versions, Set<String> lineage) {}

    State state(String catalog) {
        Settings s = Settings.of("local", Map.of("path", dir.resolve(catalog).toString()));
        try (CatalogAdapter c = new LocalCatalogFactory()
                .openExisting(s, PluginContext.basic(dir, List.of()))
                .orElseThrow()) {
            Map<String, Dataset> datasets = new TreeMap<>();
            Map<String, List<String>> versions = new TreeMap<>();
            for (Dataset d : c.datasets()) {
                datasets.put(d.id().toString(), d.withVersion(null));
                List<String> vs = new ArrayList<>();
                for (DatasetVersion v : c.versions(d.id())) {
                    vs.add(v.schemaVersion() + " " + v.changeType() + " " + v.schemaFingerprint());
                }
                versions.put(d.id().toString(), vs);
            }
            Set<String> lineage = new HashSet<>();
            for (LineageEdge e : c.lineage()) {
                lineage.add(e.upstream() + " -> " + e.downstream() + " " + e.type() + " " + e.createdBy() + " "
                        + e.columns());
            }
            return new State(datasets, versions, lineage);
        }
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    private static final Pattern CONSUMED = Pattern.compile("consumed (\\d+) event\\(s\\)");

    static long consumed(Result r) {
        Matcher m = CONSUMED.matcher(r.err());
        assertThat(m.find()).as(r.toString()).isTrue();
        return Long.parseLong(m.group(1));
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void aTopicLandsInTheCatalogAsTheSameEventsFromAFile() throws IOException {
        List<String> events = events(60, 12);
        String topic = topic(3);
        produce(topic, events);

        Result file = run(dir, "ingest", "-c", fileConfig(events).toString(), "--catalog-path", "file.db");
        assertThat(file.code()).as(file.toString()).isZero();
        Result kafkaRun = consume(config("kafka.yaml", topic, "g-equal", 25), "kafka.db", "5s");
        assertThat(kafkaRun.code()).as(kafkaRun.toString()).isZero();
        assertThat(consumed(kafkaRun)).isEqualTo(events.size());

        State fromFile = state("file.db");
        State fromTopic = state("kafka.db");
        assertThat(fromFile.datasets()).hasSize(12 + 13);
        assertThat(fromTopic.datasets()).isEqualTo(fromFile.datasets());
        assertThat(fromTopic.lineage()).isEqualTo(fromFile.lineage());
        // the file folds all events at once (one version, the wide schema); batches of 25 see the
        // narrow schema first: the history has one more step, and ends where the file's does
        String out0 = fromFile.datasets().keySet().stream()
                .filter(k -> k.contains("lake/out/0"))
                .findFirst()
                .orElseThrow();
        assertThat(fromFile.versions().get(out0)).hasSize(1);
        assertThat(fromTopic.versions().get(out0)).hasSize(2);
        assertThat(last(fromTopic.versions().get(out0)).split(" ")[2])
                .isEqualTo(fromFile.versions().get(out0).get(0).split(" ")[2]);
        // the runs too: each of the 60 with its START and COMPLETE, the same from both
        Result fileRuns = run(dir, "runs", "list", "--limit", "1000", "-f", "json", "--catalog-path", "file.db");
        Result topicRuns = run(dir, "runs", "list", "--limit", "1000", "-f", "json", "--catalog-path", "kafka.db");
        assertThat(JSON.readTree(fileRuns.out())).hasSize(60);
        assertThat(JSON.readTree(topicRuns.out())).isEqualTo(JSON.readTree(fileRuns.out()));
        assertThat(JSON.readTree(topicRuns.out()).get(0).path("states").findValuesAsText("state"))
                .containsExactly("START", "COMPLETE");

        // the same events again, in a new group: nothing new
        Result again = consume(config("kafka.yaml", topic, "g-equal-2", 500), "kafka.db", "5s");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.err()).contains(" 0 new version(s)");
        assertThat(state("kafka.db")).isEqualTo(fromTopic);
    }

    @Test
    void aPoisonEventIsDeadLetteredWithItsTopicPartitionAndOffsetAndTheRestIsConsumed() throws IOException {
        List<String> good = events(4, 2);
        String topic = topic(1);
        List<String> all = new ArrayList<>(good.subList(0, 4));
        all.add("{\"eventType\": \"START\", \"eventTime\": "); // cut short
        all.add("{\"hello\": \"world\"}"); // JSON, but no run, job or dataset
        all.addAll(good.subList(4, good.size()));
        produce(topic, all);

        Result r = consume(
                config("kafka.yaml", topic, "g-poison", 500), "kafka.db", "4s", "--dead-letter", "poison.jsonl");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(consumed(r)).isEqualTo(all.size());
        assertThat(r.err()).contains("2 event(s) could not be read; they are in");

        List<String> lines = Files.readAllLines(dir.resolve("poison.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(first.path("topic").asText()).isEqualTo(topic);
        assertThat(first.path("partition").asInt()).isZero();
        assertThat(first.path("offset").asLong()).isEqualTo(4);
        assertThat(first.path("error").asText()).startsWith("not a JSON event");
        assertThat(first.path("payload").asText()).isEqualTo(all.get(4));
        assertThat(second.path("offset").asLong()).isEqualTo(5);
        assertThat(second.path("error").asText()).contains("no run, job or dataset");

        // the good events around them all landed, as from a file of only the good ones
        Result file = run(dir, "ingest", "-c", fileConfig(good).toString(), "--catalog-path", "file.db");
        assertThat(file.code()).as(file.toString()).isZero();
        assertThat(state("kafka.db").datasets()).isEqualTo(state("file.db").datasets());
    }

    @Test
    void twoConsumersInOneGroupShareTheTopicsPartitionsAndReadEachEventOnce() throws Exception {
        String topic = topic(4);
        Path config = config("kafka.yaml", topic, "g-shared", 50);
        Result[] results = new Result[2];
        List<CompletableFuture<Void>> running = new ArrayList<>();
        List<java.io.StringWriter> errs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int n = i;
            java.io.StringWriter err = new java.io.StringWriter();
            errs.add(err);
            running.add(CompletableFuture.runAsync(() -> results[n] = runWith(
                    err,
                    dir,
                    "consume",
                    "-c",
                    config.toString(),
                    "--catalog-path",
                    "shared.db",
                    "--idle-timeout",
                    "15s")));
        }
        // both in the group (two partitions each) before anything is sent, so neither takes all
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(holdsTwo(errs.get(0).toString()) && holdsTwo(errs.get(1).toString()))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> events = events(400, 40);
        produce(topic, events);
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);

        Set<String> partitions = new HashSet<>();
        long total = 0;
        for (Result r : results) {
            assertThat(r.code()).as(r.toString()).isZero();
            long n = consumed(r);
            assertThat(n).as(r.toString()).isPositive();
            total += n;
            Matcher m = Pattern.compile("(" + topic + "-\\d): (\\d+)").matcher(r.err());
            Set<String> mine = new HashSet<>();
            while (m.find()) {
                mine.add(m.group(1));
            }
            assertThat(mine).as(r.toString()).hasSize(2);
            assertThat(java.util.Collections.disjoint(mine, partitions))
                    .as(r.toString())
                    .isTrue();
            partitions.addAll(mine);
        }
        assertThat(partitions).hasSize(4);
        assertThat(total).isEqualTo(events.size());
        assertThat(state("shared.db").datasets()).hasSize(40 + 41);
    }

    private static boolean holdsTwo(String err) {
        Matcher m = Pattern.compile("partitions: (.*)").matcher(err);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last != null && last.split(", ").length == 2;
    }

    private Result runWith(java.io.StringWriter err, Path workingDirectory, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        io.lumos.cli.CliRuntime runtime = new io.lumos.cli.CliRuntime(
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true),
                env,
                workingDirectory,
                java.time.Clock.systemUTC(),
                false);
        int code = io.lumos.cli.Main.run(runtime, args);
        return new Result(code, out.toString(), err.toString());
    }

    // ---- a consumer in a child JVM: kill -9, SIGTERM ------------------------------------------

    private Process child(Path config, String catalog, String errFile, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.lumos.cli.Main",
                "consume",
                "-c",
                config.toString(),
                "--catalog-path",
                catalog,
                "-v"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve(errFile).toFile())
                .start();
    }

    /** Waits until the child's stderr shows {@code batches} committed batches. */
    private void awaitCommitted(Process p, String errFile, int batches) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Path f = dir.resolve(errFile);
            String err = Files.exists(f) ? Files.readString(f) : "";
            // only the consumer's own per-batch lines: under -v, Kafka's debug lines say "committed" too
            long done = err.lines()
                    .filter(l -> l.startsWith("debug: batch ") && l.endsWith(", committed"))
                    .count();
            if (done >= batches) {
                return;
            }
            assertThat(p.isAlive()).as(err).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError(
                "no " + batches + " committed batch(es) in time: " + Files.readString(dir.resolve(errFile)));
    }

    /** Waits until the group has no member: the broker has removed a killed one. */
    private void awaitEmpty(String group) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Admin admin = Admin.create(p)) {
            while (true) {
                org.apache.kafka.clients.admin.ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group))
                        .describedGroups()
                        .get(group)
                        .get(30, TimeUnit.SECONDS);
                if (d.members().isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " still has members: " + d);
                }
                Thread.sleep(200);
            }
        }
    }

    private long committed(String group, String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        }
    }

    @Test
    void afterAKillMinusNineARestartConvergesToTheSameCatalogWithoutDuplicateVersions() throws Exception {
        List<String> events = events(300, 30);
        String topic = topic(2);
        produce(topic, events);
        // the killed member leaves the group when its session times out (the broker's least: 6 s)
        Path config = kafkaConfig("kafka.yaml", topic, "g-kill", 20, "          session.timeout.ms: 6000\n");

        Process p = child(config, "killed.db", "err-1.txt");
        awaitCommitted(p, "err-1.txt", 3);
        p.destroyForcibly(); // SIGKILL: mid-batch, nothing drained
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        // a commit the child sent just before the kill may still be landing; once the broker has
        // dropped the dead member (its session timed out) it refuses any commit of that member, so
        // the committed offsets are final then, however slow this machine is
        awaitEmpty("g-kill");
        long before = committed("g-kill", topic);
        assertThat(before).isPositive().isLessThan(events.size());

        Result rest =
                run(dir, "consume", "-c", config.toString(), "--catalog-path", "killed.db", "--idle-timeout", "20s");
        assertThat(rest.code()).as(rest.toString()).isZero();
        // the restart reads from the last committed offset: everything after it, nothing before
        assertThat(consumed(rest)).isEqualTo(events.size() - before);
        assertThat(committed("g-kill", topic)).isEqualTo(events.size());

        Result clean = consume(config("clean.yaml", topic, "g-clean", 20), "clean.db", "4s");
        assertThat(clean.code()).as(clean.toString()).isZero();
        State killed = state("killed.db");
        State once = state("clean.db");
        assertThat(killed.datasets()).isEqualTo(once.datasets());
        assertThat(killed.lineage()).isEqualTo(once.lineage());
        assertThat(killed.versions()).isEqualTo(once.versions());
    }

    @Test
    void sigtermDrainsCommitsAndExitsZeroAndTheNextConsumerStartsAfterTheCommittedOffset() throws Exception {
        List<String> events = events(300, 30);
        String topic = topic(2);
        produce(topic, events);
        Path config = config("kafka.yaml", topic, "g-term", 20);

        Process p = child(config, "term.db", "err-term.txt");
        awaitCommitted(p, "err-term.txt", 2);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err-term.txt"));
        assertThat(p.exitValue()).as(err).isZero();
        long first = consumed(new Result(0, "", err));
        assertThat(first).as(err).isPositive().isLessThan(events.size());
        assertThat(committed("g-term", topic)).as(err).isEqualTo(first);

        Result next = run(dir, "consume", "-c", config.toString(), "--catalog-path", "term.db", "--idle-timeout", "4s");
        assertThat(next.code()).as(next.toString()).isZero();
        assertThat(consumed(next)).isEqualTo(events.size() - first);
    }
}
