package io.lumos.source.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay that counts the bytes the server sends: what crossed the wire, including whatever
 * an HTTP client would read to drain a response it closed.
 */
final class TrafficProxy implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicLong fromServer = new AtomicLong();

    TrafficProxy(int targetPort) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket client = server.accept();
                            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                            pump(client, upstream, null);
                            pump(upstream, client, fromServer);
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "traffic-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long bytesFromServer() {
        return fromServer.get();
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    if (counter != null) {
                        counter.addAndGet(n);
                    }
                }
            } catch (IOException e) {
                // the other side closed: that is how an aborted response ends
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
