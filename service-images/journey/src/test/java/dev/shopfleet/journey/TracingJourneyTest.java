package dev.shopfleet.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.OtlpReceiver;
import dev.shopfleet.testkit.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One checkout, one trace: the services, told a collector (an OTLP receiver on loopback), export spans that all carry
 * the trace the shopper's request came with, across the storefront, orders' saga calls and the outbox's later delivery
 * to notifications, as one connected tree; and the services' log lines about it carry its trace id.
 */
class TracingJourneyTest {
    private static final Random RANDOM = new Random(20261130);
    private static final String TRACE_ID_MDC = "traceId";
    private static OtlpReceiver collector;
    private static LocalShop shop;

    @BeforeAll
    static void start() {
        collector = new OtlpReceiver();
        shop = LocalShop.start("traced", "Traced Tea", Map.of(ShopContract.ENV_OTLP_ENDPOINT, collector.endpoint()));
    }

    @AfterAll
    static void stop() {
        shop.close();
        collector.close();
    }

    @Test
    void aCheckoutIsOneConnectedTraceAcrossEveryServiceItTouches() {
        ShopApi api = new ShopApi(shop);
        String shopper = api.shopper("tracy@shop.test");
        api.product("TRC-TEA-1", 700, 5);
        api.addToCart(shopper, "TRC-TEA-1", 1);
        String traceId = HexFormat.of().formatHex(bytes(16));
        String callerSpan = HexFormat.of().formatHex(bytes(8));
        HttpResponse<String> order = api.storefront().post("/api/orders", "{\"card\":{\"number\":\"" + ShopApi.VISA
                        + "\",\"expiryMonth\":12,\"expiryYear\":2031,\"cvc\":\"123\"}}", "Authorization", shopper,
                ShopContract.IDEMPOTENCY_KEY_HEADER, "traced-checkout-1", "traceparent", "00-" + traceId + "-" + callerSpan + "-01");
        assertThat(ShopApi.status(order)).as(order.body()).isEqualTo("CONFIRMED");

        Set<String> wanted = Set.of("storefront", "orders", "users", "cart", "inventory", "payments", "notifications");
        // A span is exported when it ends, a parent after its children: wait for the whole tree.
        Poll.until("one connected trace with spans of every service the checkout touched", Duration.ofSeconds(60),
                () -> collector.services(traceId).containsAll(wanted) && unparented(traceId, callerSpan).isEmpty(),
                () -> "services: " + collector.services(traceId) + "; spans without their parent: "
                        + unparented(traceId, callerSpan) + "; refused: " + collector.refused());
        assertThat(collector.refused()).as("exports the receiver could not read").isEmpty();
        String orderId = ShopApi.orderId(order);
        assertThat(shop.get(ShopService.ORDERS).logText().lines().filter(l -> l.contains("order " + orderId + " CONFIRMED")))
                .as("orders' log line about the order names its trace").singleElement().asString()
                .contains("\"" + TRACE_ID_MDC + "\":\"" + traceId + "\"");
    }

    /** The trace's spans whose parent is neither in the trace nor the caller's span. */
    private static List<OtlpReceiver.ReceivedSpan> unparented(String traceId, String callerSpan) {
        List<OtlpReceiver.ReceivedSpan> spans = collector.trace(traceId);
        Set<String> ids = spans.stream().map(OtlpReceiver.ReceivedSpan::spanId).collect(Collectors.toSet());
        return spans.stream().filter(s -> !ids.contains(s.parentSpanId()) && !s.parentSpanId().equals(callerSpan)).toList();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
