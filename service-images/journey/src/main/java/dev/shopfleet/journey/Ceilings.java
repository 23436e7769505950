package dev.shopfleet.journey;

import dev.shopfleet.testkit.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** What this machine does at most, measured with the benchmark's own clients: the ceilings its figures sit under. */
final class Ceilings {
    private Ceilings() {
    }

    /** Requests per second a bare endpoint answers to {@code clients} looping clients. */
    static double http(String url, int clients, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        return loop(clients, seconds, i -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** Transactions per second (an insert and an update, committed) that {@code clients} connections get through. */
    static double postgres(PostgresServer.Database database, int clients, int seconds) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("create table if not exists ceiling_probe (client int primary key, n bigint not null)");
            s.execute("create table if not exists ceiling_log (client int not null, n bigint not null)");
        }
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Connection c = database.connect();
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("insert into ceiling_probe values (" + i + ", 0) on conflict do nothing");
                }
                c.commit();
                connections.add(c);
            }
            return loop(clients, seconds, i -> {
                Connection c = connections.get(i);
                try (Statement s = c.createStatement()) {
                    s.execute("update ceiling_probe set n = n + 1 where client = " + i);
                    s.execute("insert into ceiling_log values (" + i + ", 1)");
                }
                c.commit();
                return true;
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** One client's call; true if it succeeded. */
    interface Call {
        boolean ok(int client) throws Exception;
    }

    private static double loop(int clients, int seconds, Call call) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                int client = i;
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (call.ok(client)) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return done.get() / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
