package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.ServiceProcess;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints checkout throughput and latency with 32 shoppers checking out at once, each in a loop: put an item
 * in the cart, check out with a card that pays (POST /api/orders through the storefront, which runs the whole
 * saga). Counts every answer that is not a confirmed order as an error. Next to it, from the same run: what one
 * order costs (HTTP requests served by all services, PostgreSQL commits in all the shop's databases) and the
 * machine's ceilings for those (a bare Micronaut endpoint and a bare PostgreSQL transaction loop, 32 clients each).
 * The same for orders' events through the shop's broker and over HTTP straight to notifications, each shop on its own,
 * in ROUNDS rounds with the order alternating. Not a test: figures. Usage: service-images/journey/bench checkout
 * [SECONDS] [ROUNDS]
 */
public final class CheckoutBenchmark {
    private static final int SHOPPERS = 32;
    /** Long enough for the JIT to have compiled the hot paths of all eight services. */
    private static final int WARM_UP_SECONDS = 20;
    private static final int CEILING_SECONDS = 10;

    private CheckoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // Each way goes first as often as second (broker, HTTP; HTTP, broker; ...): the load generator's own
            // warm-up and the machine's drift favour neither.
            boolean brokerFirst = round % 2 == 1;
            double first = measure(brokerFirst ? LocalShop.Events.BROKER : LocalShop.Events.HTTP, seconds);
            double second = measure(brokerFirst ? LocalShop.Events.HTTP : LocalShop.Events.BROKER, seconds);
            ratios.add(brokerFirst ? first / second : second / first);
            System.out.printf("round %d of %d (%s first): broker/HTTP %.2f%n", round, rounds, brokerFirst ? "broker" : "HTTP",
                    ratios.get(ratios.size() - 1));
        }
        // The geometric mean: over rounds in alternating order, what going second is worth cancels out.
        double geometricMean = Math.exp(ratios.stream().mapToDouble(Math::log).average().orElseThrow());
        System.out.printf("broker/HTTP over %d round(s): geometric mean %.2f, from %.2f to %.2f%n", rounds, geometricMean,
                Collections.min(ratios), Collections.max(ratios));
    }

    /** One shop whose orders' events go the given way, measured on its own (the other is not running); orders/s. */
    private static double measure(LocalShop.Events events, int seconds) throws Exception {
        System.out.println("== orders' events " + (events == LocalShop.Events.BROKER ? "through the shop's broker (Kafka)"
                : "over HTTP to notifications (spec.messaging.mode: none)"));
        try (LocalShop shop = LocalShop.start("checkoutbench", "Bench Beans", Map.of(), ServiceProcess.Launcher.BUILD, events)) {
            ShopApi api = new ShopApi(shop);
            api.product("BENCH-1", 990, 1_000_000);
            List<String> shoppers = new ArrayList<>();
            for (int i = 0; i < SHOPPERS; i++) {
                shoppers.add(api.shopper("bench" + i + "-" + UUID.randomUUID() + "@shop.test"));
            }
            run(api, shoppers, WARM_UP_SECONDS, "warm-up");
            Cost before = Cost.of(shop, "checkoutbench");
            long publishedBefore = published(shop);
            Measured measured = run(api, shoppers, seconds, "measured");
            int orders = measured.checkouts();
            Cost spent = Cost.of(shop, "checkoutbench").minus(before);
            System.out.printf("events relayed by orders in the measured run: %.1f/s%n",
                    (published(shop) - publishedBefore) / (double) seconds);
            System.out.printf("per order: %.1f HTTP requests served (all services), %.1f PostgreSQL commits (all databases);"
                    + " events not yet delivered at the end: %s%n", spent.requests() / orders, spent.commits() / orders,
                    shop.database(ShopService.ORDERS).value("SELECT count(*) FROM outbox WHERE published_at IS NULL"));
            double http = Ceilings.http(shop.get(ShopService.CATALOG).url() + "/about", SHOPPERS, CEILING_SECONDS);
            double pg = Ceilings.postgres(shop.database(ShopService.ORDERS), SHOPPERS, CEILING_SECONDS);
            System.out.printf("ceilings, same run, %d clients: bare Micronaut JSON %.0f req/s, bare PostgreSQL transaction %.0f tx/s%n",
                    SHOPPERS, http, pg);
            System.out.printf("-> at most %.0f orders/s if requests alone bounded it, %.0f if commits did%n",
                    http / (spent.requests() / orders), pg / (spent.commits() / orders));
            return measured.perSecond();
        }
    }

    private record Measured(int checkouts, double perSecond) {
    }

    /** Events orders' outbox has handed on (to the broker, or to notifications over HTTP). */
    private static long published(LocalShop shop) {
        return Long.parseLong(shop.database(ShopService.ORDERS).value("SELECT count(*) FROM outbox WHERE published_at IS NOT NULL"));
    }

    /** Runs the shoppers for {@code seconds}. */
    private static Measured run(ShopApi api, List<String> shoppers, int seconds, String label) throws Exception {
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
        return new Measured(sorted.size(), sorted.size() / elapsed);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
