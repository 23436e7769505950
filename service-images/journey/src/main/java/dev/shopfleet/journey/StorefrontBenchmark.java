package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopService;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the storefront's throughput and p99 latency at 32 connections (wrk) for the catalogue page, the
 * catalogue API through the gateway, and catalog's API direct, next to a bare Micronaut JSON endpoint in
 * the same run (the ceiling on this machine), plus each service's start-to-ready time. Not a test: figures.
 * Usage: ./mvnw -q -pl service-images/journey exec:java [-Dexec.args="SECONDS"]
 */
public final class StorefrontBenchmark {
    private StorefrontBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        try (LocalShop shop = LocalShop.start("bench", "Bench Beans")) {
            System.out.println("start-to-ready (process start to readiness 200):");
            for (ShopService s : LocalShop.SERVICES) {
                System.out.printf("  %-11s %6d ms%n", s.id(), shop.get(s).startToReadyMillis());
            }
            String catalog = shop.get(ShopService.CATALOG).url();
            String storefront = shop.storefrontUrl();
            List<String[]> targets = List.of(
                    new String[] {"bare Micronaut JSON (catalog /about)", catalog + "/about"},
                    new String[] {"catalog API direct", catalog + "/products?category=coffee&size=12"},
                    new String[] {"catalog API via storefront gateway", storefront + "/api/products?category=coffee&size=12"},
                    new String[] {"storefront catalogue page (HTML)", storefront + "/?category=coffee"});
            for (String[] t : targets) {
                run(t[1], 3, false); // warm-up: JIT and connection pools
            }
            System.out.printf("%nwrk, 2 threads, 32 connections, %d s each:%n", seconds);
            System.out.printf("  %-40s %10s %10s %10s%n", "target", "req/s", "p50 ms", "p99 ms");
            for (String[] t : targets) {
                Result r = run(t[1], seconds, true);
                System.out.printf("  %-40s %10.0f %10.2f %10.2f%s%n", t[0], r.rps, r.p50, r.p99, r.errors ? "  (non-2xx or errors!)" : "");
            }
        }
    }

    record Result(double rps, double p50, double p99, boolean errors) {
    }

    private static Result run(String url, int seconds, boolean parse) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + seconds + "s", "--latency", url).redirectErrorStream(true).start();
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
