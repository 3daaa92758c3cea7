package io.lumos.source.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A local MongoDB to try the source against (no mongod can be installed here): mongo-java-server
 * in memory on 127.0.0.1, seeded with a small {@code app} database. Stop with Ctrl-C.
 * Started by {@code source-handlers/mongodb/demo.sh [port]}.
 */
public final class DemoServer {
    private DemoServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoDatabase app = client.getDatabase("app");
            List<Document> users = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Document u = new Document("_id", i)
                        .append("name", "user" + i)
                        .append("email", "user" + i + "@example.com")
                        .append("signedUpAt", new Date(1_700_000_000_000L + i * 86_400_000L))
                        .append(
                                "address",
                                new Document("city", i % 2 == 0 ? "Berlin" : "Lisbon")
                                        .append("zip", "" + (10_000 + i)));
                if (i % 3 != 0) {
                    u.append("age", i % 5 == 0 ? (Object) String.valueOf(20 + i % 50) : (Object) (20 + i % 50));
                }
                users.add(u);
            }
            app.getCollection("users").insertMany(users);
            app.getCollection("orders")
                    .insertMany(List.of(
                            new Document("no", 1L)
                                    .append("user", 1)
                                    .append("items", List.of(new Document("sku", "A-1").append("qty", 2)))
                                    .append("total", 19.5),
                            new Document("no", 2L)
                                    .append("user", 2)
                                    .append(
                                            "items",
                                            List.of(new Document("sku", "B-7")
                                                    .append("qty", 1)
                                                    .append("gift", true)))
                                    .append("total", 5.0)));
            app.getCollection("events").insertOne(new Document("type", "login").append("tags", List.of("web", 3)));
        }
        System.out.println("MongoDB (mongo-java-server) on mongodb://127.0.0.1:" + port + "/app; Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        Thread.currentThread().join();
    }
}
