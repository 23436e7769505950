package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.WorkloadIssuer;
import dev.shopfleet.testkit.Wrk;
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
                Wrk.run(t.url(), t.header(), 5); // warm-up: JIT and connection pools
            }
            System.out.printf("%nwrk, 2 threads, 32 connections, %d s each (visitors without a cart: wrk keeps no cookies):%n", seconds);
            System.out.printf("  %-40s %10s %10s %10s %8s%n", "target", "req/s", "p50 ms", "p99 ms", "/bare");
            double bare = Double.NaN;
            for (Target t : targets) {
                Wrk.Result r = Wrk.run(t.url(), t.header(), seconds);
                bare = Double.isNaN(bare) ? r.rps() : bare;
                System.out.printf("  %-40s %10.0f %10.2f %10.2f %8.3f%s%n", t.label(), r.rps(), r.p50(), r.p99(), r.rps() / bare,
                        r.errors() ? "  (non-2xx or errors!)" : "");
            }
        }
    }

    record Target(String label, String url, String header) {
    }
}
