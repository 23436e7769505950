package dev.shopfleet.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the operator's alert rules and dashboards read exists: every {@link ShopMetric} on the /prometheus page of each
 * service that the contract says exports it, from the moment the service is ready (before any order), with only the
 * label values the contract allows; and the database gauge tells a stopped database from a running one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsContractTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)", Pattern.MULTILINE);
    private static LocalShop shop;

    @BeforeAll
    static void start() {
        shop = LocalShop.start("metrics", "Metrics Tea");
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    @Order(1)
    void everyServiceExportsTheContractsMetricsFromItsStart() {
        for (ShopService service : LocalShop.SERVICES) {
            Set<String> exported = samples(service).keySet().stream().map(MetricsContractTest::name).collect(Collectors.toSet());
            Set<String> expected = Arrays.stream(ShopMetric.values()).filter(m -> m.exportedBy(service))
                    .map(ShopMetric::prometheusName).collect(Collectors.toSet());
            assertThat(exported).as(service.id() + "'s metrics").containsAll(expected);
        }
    }

    @Test
    @Order(2)
    void theCalleeHistogramNamesOnlyTheServicesCallees() {
        ShopApi api = new ShopApi(shop);
        String shopper = api.shopper("metrics@shop.test");
        api.product("MET-TEA-1", 500, 5);
        api.addToCart(shopper, "MET-TEA-1", 1);
        assertThat(ShopApi.status(api.checkout(shopper, ShopApi.VISA))).isEqualTo("CONFIRMED");
        for (ShopService service : LocalShop.SERVICES) {
            Set<String> callees = samples(service).keySet().stream()
                    .filter(s -> name(s).equals(ShopMetric.CALLEE_REQUESTS_BUCKET.prometheusName()))
                    .map(s -> label(s, ShopMetric.CALLEE_LABEL)).collect(Collectors.toSet());
            Set<String> allowed = service.calls().stream().map(ShopService::id).collect(Collectors.toSet());
            assertThat(allowed).as(service.id() + "'s callees").containsAll(callees);
        }
        Map<String, Double> orders = samples(ShopService.ORDERS);
        assertThat(orders).as("orders' ends, one series each from the start")
                .containsKey(ShopMetric.ORDERS_FINISHED.prometheusName() + "{" + ShopMetric.STATE_LABEL + "=\"FAILED\"}");
        assertThat(orders.get(ShopMetric.ORDERS_FINISHED.prometheusName() + "{" + ShopMetric.STATE_LABEL + "=\"CONFIRMED\"}"))
                .isEqualTo(1.0);
    }

    @Test
    @Order(3)
    void theDatabaseGaugeFollowsTheDatabase() {
        String up = ShopMetric.DATABASE_UP.prometheusName();
        assertThat(samples(ShopService.PAYMENTS).get(up)).isEqualTo(1.0);
        PostgresServer.shared().setAvailable(shop.database(ShopService.PAYMENTS), false);
        try {
            Poll.until("payments' database gauge at 0", Duration.ofSeconds(30), () -> samples(ShopService.PAYMENTS).get(up) == 0.0);
            assertThat(samples(ShopService.CATALOG).get(up)).as("another service's database").isEqualTo(1.0);
        } finally {
            PostgresServer.shared().setAvailable(shop.database(ShopService.PAYMENTS), true);
        }
        Poll.until("payments' database gauge back at 1", Duration.ofSeconds(30), () -> samples(ShopService.PAYMENTS).get(up) == 1.0);
    }

    /** The page's samples: series (name and labels as written) to value. */
    private static Map<String, Double> samples(ShopService service) {
        HttpResponse<String> page = shop.get(service).http().get(ShopContract.METRICS_PATH);
        assertThat(page.statusCode()).as(service.id() + " " + ShopContract.METRICS_PATH).isEqualTo(200);
        Map<String, Double> samples = new TreeMap<>();
        Matcher m = SAMPLE.matcher(page.body());
        while (m.find()) {
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static String name(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    private static String label(String series, String label) {
        Matcher m = Pattern.compile("[{,]" + label + "=\"([^\"]*)\"").matcher(series);
        return m.find() ? m.group(1) : "";
    }
}
