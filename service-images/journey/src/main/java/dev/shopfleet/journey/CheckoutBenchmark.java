package dev.shopfleet.journey;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints checkout throughput and latency with 32 shoppers checking out at once, each in a loop: put an item
 * in the cart, check out with a card that pays (POST /api/orders through the storefront, which runs the whole
 * saga). Counts every answer that is not a confirmed order as an error. Not a test: figures.
 * Usage: ./mvnw -q -pl service-images/journey exec:java -Dbenchmark=dev.shopfleet.journey.CheckoutBenchmark [-Dexec.args=SECONDS]
 */
public final class CheckoutBenchmark {
    private static final int SHOPPERS = 32;

    private CheckoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (LocalShop shop = LocalShop.start("checkoutbench", "Bench Beans")) {
            ShopApi api = new ShopApi(shop);
            api.product("BENCH-1", 990, 1_000_000);
            List<String> shoppers = new ArrayList<>();
            for (int i = 0; i < SHOPPERS; i++) {
                shoppers.add(api.shopper("bench" + i + "-" + UUID.randomUUID() + "@shop.test"));
            }
            run(api, shoppers, 5, "warm-up");
            run(api, shoppers, seconds, "measured");
        }
    }

    private static void run(ShopApi api, List<String> shoppers, int seconds, String label) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(SHOPPERS);
        List<Future<?>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (String shopper : shoppers) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    api.addToCart(shopper, "BENCH-1", 1);
                    long t0 = System.nanoTime();
                    HttpResponse<String> placed = api.checkout(shopper, ShopApi.VISA);
                    latencies.add(System.nanoTime() - t0);
                    if (placed.statusCode() != 201 || !ShopApi.status(placed).equals("CONFIRMED")) {
                        errors.incrementAndGet();
                        if (errorSamples.size() < 3) {
                            errorSamples.add(placed.statusCode() + " " + placed.body());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%s: %d shoppers, %.0f s: %d checkouts, %.1f orders/s, p50 %.0f ms, p99 %.0f ms, max %.0f ms, errors %d%n",
                label, shoppers.size(), elapsed, sorted.size(), sorted.size() / elapsed, percentile(sorted, 0.50),
                percentile(sorted, 0.99), percentile(sorted, 1.0), errors.get());
        errorSamples.forEach(e -> System.out.println("  error: " + e));
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
