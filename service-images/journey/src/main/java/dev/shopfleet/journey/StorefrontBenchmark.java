package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.WorkloadIssuer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the storefront's throughput and p50/p99 latency at 32 connections (wrk) for the catalogue page, a product
 * page, the catalogue API through the gateway, and catalog's API direct, each next to a bare Micronaut JSON endpoint
 * measured in the same run (the framework's ceiling on this machine), plus each service's start-to-ready time.
 * Not a test: figures.
 * Usage: ./mvnw -q -pl service-images/journey exec:java [-Dexec.args="SECONDS"]
 */
public final class StorefrontBenchmark {
    private StorefrontBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String shopName = "bench";
        try (LocalShop shop = LocalShop.start(shopName, "Bench Beans")) {
            System.out.println("start-to-ready (process start to readiness 200):");
            for (ShopService s : LocalShop.SERVICES) {
                System.out.printf("  %-11s %6d ms%n", s.id(), shop.get(s).startToReadyMillis());
            }
            String catalog = shop.get(ShopService.CATALOG).url();
            String storefront = shop.storefrontUrl();
            // catalog answers only a proven caller: the token the storefront itself sends
            String asStorefront = ShopContract.WORKLOAD_TOKEN_HEADER + ": "
                    + WorkloadIssuer.shared().token(shopName, ShopService.STOREFRONT, ShopService.CATALOG);
            Matcher first = Pattern.compile("\"sku\":\"([^\"]+)\"").matcher(new ShopApi(shop).storefront()
                    .get("/api/products?category=coffee&size=1").body());
            String sku = first.find() ? first.group(1) : "no-product-in-catalog";
            List<Target> targets = List.of(
                    new Target("bare Micronaut JSON (catalog /about)", catalog + "/about", null),
                    new Target("catalog API direct", catalog + "/products?category=coffee&size=12", asStorefront),
                    new Target("catalog API via storefront gateway", storefront + "/api/products?category=coffee&size=12", null),
                    new Target("storefront catalogue page (HTML)", storefront + "/?category=coffee", null),
                    new Target("storefront product page (HTML)", storefront + "/products/" + sku, null),
                    // the same page for a visitor whose cart exists: a call to cart (and its database) per page
                    new Target("catalogue page, visitor with a cart", storefront + "/?category=coffee",
                            "Cookie: shop_cart=" + UUID.randomUUID()));
            for (Target t : targets) {
                run(t, 5, false); // warm-up: JIT and connection pools
            }
            System.out.printf("%nwrk, 2 threads, 32 connections, %d s each (visitors without a cart: wrk keeps no cookies):%n", seconds);
            System.out.printf("  %-40s %10s %10s %10s %8s%n", "target", "req/s", "p50 ms", "p99 ms", "/bare");
            double bare = Double.NaN;
            for (Target t : targets) {
                Result r = run(t, seconds, true);
                bare = Double.isNaN(bare) ? r.rps : bare;
                System.out.printf("  %-40s %10.0f %10.2f %10.2f %8.3f%s%n", t.label(), r.rps, r.p50, r.p99, r.rps / bare,
                        r.errors ? "  (non-2xx or errors!)" : "");
            }
        }
    }

    record Target(String label, String url, String header) {
    }

    record Result(double rps, double p50, double p99, boolean errors) {
    }

    private static Result run(Target target, int seconds, boolean parse) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c32", "-d" + seconds + "s", "--latency"));
        if (target.header() != null) {
            command.addAll(List.of("-H", target.header()));
        }
        command.add(target.url());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (apt-get install wrk):\n" + out);
        }
        if (!parse) {
            return null;
        }
        return new Result(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"),
                out.contains("Non-2xx") || out.contains("Socket errors"));
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile(percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
