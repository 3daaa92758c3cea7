package io.lumos.testing.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls of Confluent's Schema Registry REST API that a Kafka Avro serializer makes, in process:
 * {@code POST /subjects/{subject}/versions} registers a schema and answers its id (the same schema
 * text gets the same id, as the registry does), {@code GET /schemas/ids/{id}} answers it back, and
 * {@code POST /subjects/{subject}} looks a registered schema up. Anything else is the registry's
 * 404 body. The broker is what tests must not fake; this is only where the serializer gets an id.
 */
public final class FakeSchemaRegistry implements AutoCloseable {
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions/?");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)/?");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)/?");
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private final Map<Integer, String> schemas = new LinkedHashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private Runnable beforeNextRegistration;

    public FakeSchemaRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:port}, for {@code schema.registry.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Runs this once, before the next registration is answered: a serializer calls the registry
     * from inside its producer's first send, so a test can act (kill the broker, say) at exactly
     * the moment a client has started sending.
     */
    public synchronized void beforeNextRegistration(Runnable action) {
        this.beforeNextRegistration = action;
    }

    /** The schema registered under this id, or null. */
    public synchronized String schema(int id) {
        return schemas.get(id);
    }

    /** The subjects and the ids registered under each. */
    public synchronized Map<String, List<Integer>> subjects() {
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        subjects.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            Matcher register = REGISTER.matcher(path);
            Matcher lookup = LOOKUP.matcher(path);
            Matcher byId = BY_ID.matcher(path);
            if (method.equals("POST") && register.matches()) {
                Runnable before;
                synchronized (this) {
                    before = beforeNextRegistration;
                    beforeNextRegistration = null;
                }
                if (before != null) {
                    before.run();
                }
                int id = register(decode(register.group(1)), schemaOf(x));
                answer(x, 200, json.createObjectNode().put("id", id));
            } else if (method.equals("POST") && lookup.matches()) {
                String subject = decode(lookup.group(1));
                String schema = schemaOf(x);
                Integer id = lookup(subject, schema);
                if (id == null) {
                    answer(x, 404, error(40403, "Schema not found"));
                } else {
                    answer(
                            x,
                            200,
                            json.createObjectNode()
                                    .put("subject", subject)
                                    .put("id", id)
                                    .put("version", versionOf(subject, id))
                                    .put("schema", schema));
                }
            } else if (method.equals("GET") && byId.matches()) {
                String schema = schema(Integer.parseInt(byId.group(1)));
                if (schema == null) {
                    answer(x, 404, error(40403, "Schema " + byId.group(1) + " not found"));
                } else {
                    answer(x, 200, json.createObjectNode().put("schema", schema));
                }
            } else {
                answer(x, 404, error(404, "HTTP 404 Not Found"));
            }
        }
    }

    private synchronized int register(String subject, String schema) {
        int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
        schemas.put(id, schema);
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    private synchronized Integer lookup(String subject, String schema) {
        Integer id = ids.get(schema);
        return id != null && subjects.getOrDefault(subject, List.of()).contains(id) ? id : null;
    }

    private synchronized int versionOf(String subject, int id) {
        return subjects.get(subject).indexOf(id) + 1;
    }

    private String schemaOf(HttpExchange x) throws IOException {
        JsonNode body = json.readTree(x.getRequestBody());
        return body.path("schema").asText();
    }

    private JsonNode error(int code, String message) {
        return json.createObjectNode().put("error_code", code).put("message", message);
    }

    private void answer(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
