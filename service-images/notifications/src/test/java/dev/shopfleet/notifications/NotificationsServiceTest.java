package dev.shopfleet.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.SmtpServer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** notifications as a real process, sending to a real SMTP server (GreenMail) from a real PostgreSQL. */
class NotificationsServiceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static PostgresServer.Database db;
    private static final String SHOP_NAME = "Mail ${datasources.default.password} #{1+1} Shop";
    private static final String SENDER = "orders+${micronaut.application.name}@shop.test";
    private static SmtpServer smtp;
    private static ServiceProcess notifications;
    private static Http http;

    @BeforeAll
    static void start() {
        db = PostgresServer.shared().createDatabase("notifications_test");
        smtp = new SmtpServer();
        Map<String, String> env = new HashMap<>(db.env());
        env.putAll(smtp.env());
        env.put(ShopContract.ENV_SHOP_DISPLAY_NAME, SHOP_NAME); // what a shop typed is sent as typed
        env.put(ShopContract.ENV_SMTP_FROM, SENDER);
        env.put("NOTIFICATIONS_MAX_BACKOFF", "2s");
        notifications = ServiceProcess.start(ShopService.NOTIFICATIONS, env);
        http = notifications.http();
    }

    @AfterAll
    static void stop() {
        notifications.close();
        smtp.stop();
    }

    @Test
    void anOrderPlacedEventSendsOneEmailHoweverOftenItIsDelivered() throws Exception {
        String recipient = "once-" + UUID.randomUUID() + "@example.test";
        String event = event(UUID.randomUUID(), recipient);
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/events", event).statusCode()).isEqualTo(202);
        }
        await("the email is sent", () -> "SENT".equals(status(recipient)));
        List<MimeMessage> mails = smtp.messagesTo(recipient);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).startsWith("Your " + SHOP_NAME + " order");
        assertThat(mails.get(0).getFrom()).singleElement().hasToString(new InternetAddress(SENDER, SHOP_NAME).toString());
        assertThat(SmtpServer.text(mails.get(0))).contains("2 x Blue mug (MUG-1)", "Total: 25.98 EUR");
        assertThat(mails.get(0).getHeader("X-Shop-Event-Id")).isNotEmpty();
        assertThat(http.post("/events", event).statusCode()).isEqualTo(202);
        assertThat(smtp.messagesTo(recipient)).as("a redelivery after sending").hasSize(1);
    }

    @Test
    void emailsWaitForTheMailServerAndGoOutWhenItReturns() throws Exception {
        String recipient = "later-" + UUID.randomUUID() + "@example.test";
        smtp.stop();
        try {
            assertThat(http.post("/events", event(UUID.randomUUID(), recipient)).statusCode()).isEqualTo(202);
            await("two failed attempts", () -> attempts(recipient) >= 2);
            assertThat(status(recipient)).isEqualTo("PENDING");
        } finally {
            smtp.start();
        }
        await("the email is sent once the server is back", () -> "SENT".equals(status(recipient)));
        assertThat(smtp.messagesTo(recipient)).hasSize(1);
    }

    @Test
    void aMalformedEventIsRefusedWithProblemDetails() {
        HttpResponse<String> response = http.post("/events", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"OrderPlaced\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static String event(UUID id, String recipient) {
        return event(id, UUID.randomUUID().toString(), recipient);
    }

    /** An OrderPlaced as orders writes it. */
    static String event(UUID id, String orderId, String recipient) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"OrderPlaced\",\"occurredAt\":\"2026-11-21T10:00:00Z\","
                + "\"orderId\":\"" + orderId + "\",\"email\":\"" + recipient + "\",\"name\":\"Ada\","
                + "\"lines\":[{\"sku\":\"MUG-1\",\"name\":\"Blue mug\",\"quantity\":2,\"unitPriceMinor\":1299}],"
                + "\"totalMinor\":2598,\"currency\":\"EUR\"}";
    }

    private static String status(String recipient) {
        return query("SELECT status FROM notification WHERE recipient = '" + recipient + "'");
    }

    private static int attempts(String recipient) {
        String a = query("SELECT attempts FROM notification WHERE recipient = '" + recipient + "'");
        return a == null ? 0 : Integer.parseInt(a);
    }

    private static String query(String sql) {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Poll.until(what, DEADLINE, condition, notifications::logTail);
    }
}
