package io.lumos.platform.datahub;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP side of GMS: one {@link HttpClient} for writes and reads, with the token and REST.li
 * headers on every request. The jar's RestEmitter is not used: it cannot post batches, its pool
 * is fixed at 5 connections, and it reports 4xx/5xx as results that are easy to miss.
 */
final class GmsHttp implements AutoCloseable {
    private final DataHubSettings settings;
    private final HttpClient client;
    private final java.util.concurrent.ExecutorService executor;

    GmsHttp(DataHubSettings settings) {
        this.settings = settings;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lumos-datahub-http");
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .executor(executor);
        if (settings.disableSslVerification()) {
            b.sslContext(trustAll());
        }
        this.client = b.build();
    }

    URI uri(String pathAndQuery) {
        return URI.create(settings.server().toString() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-RestLi-Protocol-Version", "2.0.0")
                .header("User-Agent", "lumos-datahub");
        if (settings.token() != null) {
            b.header("Authorization", "Bearer " + settings.token());
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A read: any transport failure or 5xx is a CATALOG_UNREACHABLE/FAILED error naming the server. */
    HttpResponse<String> read(HttpRequest request) {
        try {
            HttpResponse<String> r = send(request);
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw new LumosException(
                        ErrorCode.CATALOG_FAILED,
                        "DataHub at " + settings.server() + " refused the request (" + r.statusCode()
                                + "); check platforms.datahub.token");
            }
            if (r.statusCode() >= 500) {
                throw new LumosException(
                        ErrorCode.CATALOG_FAILED,
                        "DataHub at " + settings.server() + " failed on "
                                + request.uri().getPath() + " (" + r.statusCode() + "): " + abbreviate(r.body()));
            }
            return r;
        } catch (IOException e) {
            throw new LumosException(
                    ErrorCode.CATALOG_UNREACHABLE,
                    "DataHub at " + settings.server() + " did not answer ("
                            + e.getClass().getSimpleName() + "); check platforms.datahub.server",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LumosException(ErrorCode.CATALOG_UNREACHABLE, "interrupted while reading from DataHub", e);
        }
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    /**
     * What {@code disable_ssl_verification} asks for, on this client's connections only: any
     * certificate, for any host name. The trust manager is an {@link X509ExtendedTrustManager}
     * because the JDK wraps a plain {@code X509TrustManager} in one that still checks the host
     * name; the engine-aware checks below are where that check would happen, and they accept. No
     * system property is set: {@code jdk.internal.httpclient.disableHostnameVerification} would turn
     * the check off for every HTTPS client in the process (a Marquez catalog in the same config too).
     */
    static SSLContext trustAll() {
        try {
            TrustManager[] trust = {new TrustAnything()};
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts every certificate chain and host name; only for {@code disable_ssl_verification}. */
    @SuppressWarnings("TrustAllCertificates") // the user asked for it in the config, for this client only
    private static final class TrustAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
