package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.lumos.spi.Settings;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disable_ssl_verification} turns off certificate and host-name checks on the DataHub
 * client's own connections only: another HTTPS client in the same JVM (a Marquez catalog in the
 * same config, say) still refuses a certificate made out for another host.
 */
class InsecureTlsIsPerClientTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private KeyStore keys;
    private HttpsServer server;

    @BeforeEach
    void serveOverTlsWithACertificateForAnotherHost() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=not-this-host.example",
                        "-ext",
                        "SAN=dns:not-this-host.example",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    @Test
    void theInsecureDataHubClientDoesNotTurnOffHostNameChecksForOthers() throws Exception {
        DataHubSettings insecure = DataHubSettings.from(
                Settings.of("platforms.datahub", Map.of("server", url(), "disable_ssl_verification", true)),
                Adapters.context(dir));
        try (GmsHttp gms = new GmsHttp(insecure)) {
            HttpResponse<String> r = gms.send(gms.request("/health").GET().build());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(System.getProperty("jdk.internal.httpclient.disableHostnameVerification"))
                .as("no JVM-wide switch")
                .isNull();

        // another client that trusts the very certificate still checks that it names the host
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        HttpClient other = HttpClient.newBuilder().sslContext(trusting).build();
        HttpRequest get = HttpRequest.newBuilder(java.net.URI.create(url() + "/health"))
                .GET()
                .build();
        assertThatThrownBy(() -> other.send(get, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("localhost");

        // and the insecure client still works after the other refused
        try (GmsHttp gms = new GmsHttp(insecure)) {
            assertThat(gms.send(gms.request("/health").GET().build()).statusCode())
                    .isEqualTo(200);
        }
    }
}
