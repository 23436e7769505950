package dev.shopfleet.e2e.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The smoke test's image: with no arguments an HTTP server on 8080 (and, as a stand-in broker's client port that
 * packets can reach, 9092) that answers with its pod's name; with {@code fetch URL} a client that calls URL until it
 * answers 200 (or a minute has passed).
 */
public final class EchoServer {
    static final int PORT = 8080;
    static final int BROKER_PORT = 9092;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("fetch")) {
            System.exit(fetch(URI.create(args[1])) ? 0 : 1);
        }
        String podName = System.getenv().getOrDefault("HOSTNAME", "unknown");
        for (int port : new int[] {PORT, BROKER_PORT}) {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/", exchange -> {
                byte[] body = ("echo from " + podName + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }
        System.out.println("listening on " + PORT + " and " + BROKER_PORT);
    }

    // A Service's DNS name and endpoints appear a moment after its pods do: retry until the deadline.
    private static boolean fetch(URI uri) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("status=" + response.statusCode() + " body=" + response.body().strip());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                System.out.println("not yet: " + e);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
    }
}
