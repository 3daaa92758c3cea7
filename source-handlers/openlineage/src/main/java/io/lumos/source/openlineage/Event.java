package io.lumos.source.openlineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One OpenLineage event as the intake needs it, read with Jackson's streaming parser straight from
 * the event's bytes: the top-level fields, the job's name, and per dataset its namespace, name and
 * the byte ranges of the facets we keep. Nothing else is built: run and job facets, unknown facets
 * and input facets are skipped token by token, and a facet stays bytes until a newer one is kept.
 */
final class Event {
    enum Role {
        DATASET,
        INPUT,
        OUTPUT
    }

    /** One dataset of the event; {@code start[i]}/{@code end[i]} is facet i of {@link Intake#FACETS}, or -1. */
    static final class Ref {
        final Role role;
        final int index;
        String namespace;
        String name;
        final int[] start = new int[DatasetFacts.FACETS.size()];
        final int[] end = new int[DatasetFacts.FACETS.size()];

        Ref(Role role, int index) {
            this.role = role;
            this.index = index;
            java.util.Arrays.fill(start, -1);
        }

        String where() {
            return switch (role) {
                case DATASET -> "dataset";
                case INPUT -> "inputs[" + index + "]";
                case OUTPUT -> "outputs[" + index + "]";
            };
        }
    }

    final byte[] bytes;
    String eventTime;
    boolean eventTimeMissing = true;
    String eventType;
    String producer;
    boolean run;
    boolean job;
    boolean dataset;
    String jobNamespace;
    String jobName;
    String runId;
    /** The parent facet's run: its job's namespace and name and its run id; nulls when none. */
    String parentNamespace;

    String parentJob;
    String parentRunId;
    /** The errorMessage facet's message and stack trace; nulls when none. */
    String errorMessage;

    String errorLanguage;
    String stackTrace;
    final List<Ref> datasets = new ArrayList<>(12);

    private Event(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Reads the event in {@code bytes[0..length)}; a syntax error is thrown as Jackson's exception. */
    static Event read(JsonFactory factory, byte[] bytes, int length) throws IOException {
        Event e = new Event(bytes);
        try (JsonParser p = factory.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "eventTime" -> {
                        e.eventTimeMissing = t == JsonToken.VALUE_NULL;
                        e.eventTime = t.isScalarValue() ? p.getText() : null;
                        p.skipChildren();
                    }
                    case "eventType" -> e.eventType = scalar(p, t);
                    case "producer" -> e.producer = scalar(p, t);
                    case "run" -> {
                        e.run = t == JsonToken.START_OBJECT;
                        if (e.run) {
                            readRun(p, e);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "job" -> {
                        e.job = t == JsonToken.START_OBJECT;
                        if (e.job) {
                            readJob(p, e);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "dataset" -> {
                        e.dataset = t == JsonToken.START_OBJECT;
                        if (e.dataset) {
                            e.datasets.add(readDataset(p, new Ref(Role.DATASET, 0)));
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "inputs", "outputs" -> {
                        Role role = field.equals("inputs") ? Role.INPUT : Role.OUTPUT;
                        if (t == JsonToken.START_ARRAY) {
                            int i = 0;
                            for (JsonToken el = p.nextToken(); el != JsonToken.END_ARRAY; el = p.nextToken()) {
                                if (el == JsonToken.START_OBJECT) {
                                    e.datasets.add(readDataset(p, new Ref(role, i)));
                                } else {
                                    p.skipChildren();
                                }
                                i++;
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return e;
    }

    private static String scalar(JsonParser p, JsonToken t) throws IOException {
        if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static void readJob(JsonParser p, Event e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "namespace" -> e.jobNamespace = scalar(p, t);
                case "name" -> e.jobName = scalar(p, t);
                default -> p.skipChildren();
            }
        }
    }

    /** The run id, and of the run facets only {@code parent} and {@code errorMessage}. */
    private static void readRun(JsonParser p, Event e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("runId")) {
                e.runId = scalar(p, t);
            } else if (field.equals("facets") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String facet = p.currentName();
                    JsonToken v = p.nextToken();
                    if (facet.equals("parent") && v == JsonToken.START_OBJECT) {
                        readParent(p, e);
                    } else if (facet.equals("errorMessage") && v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken x = p.nextToken();
                            switch (f) {
                                case "message" -> e.errorMessage = scalar(p, x);
                                case "programmingLanguage" -> e.errorLanguage = scalar(p, x);
                                case "stackTrace" -> e.stackTrace = scalar(p, x);
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** {@code {"run": {"runId": ...}, "job": {"namespace": ..., "name": ...}}}. */
    private static void readParent(JsonParser p, Event e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT || !(field.equals("run") || field.equals("job"))) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken x = p.nextToken();
                if (field.equals("run") && f.equals("runId")) {
                    e.parentRunId = scalar(p, x);
                } else if (field.equals("job") && f.equals("namespace")) {
                    e.parentNamespace = scalar(p, x);
                } else if (field.equals("job") && f.equals("name")) {
                    e.parentJob = scalar(p, x);
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static Ref readDataset(JsonParser p, Ref d) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "namespace" -> d.namespace = scalar(p, t);
                case "name" -> d.name = scalar(p, t);
                case "facets" -> facets(p, t, d, false);
                case "outputFacets" -> facets(p, t, d, true);
                default -> p.skipChildren();
            }
        }
        return d;
    }

    /** Records where each facet we keep starts and ends; the rest is skipped. */
    private static void facets(JsonParser p, JsonToken t, Ref d, boolean outputFacets) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int i = outputFacets
                    ? ("outputStatistics".equals(name) ? DatasetFacts.OUTPUT_STATISTICS : -1)
                    : DatasetFacts.facetIndex(name);
            if (i < 0 || (i == DatasetFacts.OUTPUT_STATISTICS && !outputFacets) || v != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            int from = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int to = (int) p.currentTokenLocation().getByteOffset() + 1;
            d.start[i] = from;
            d.end[i] = to;
        }
    }
}
