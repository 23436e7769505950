package dev.shopfleet.notifications;

import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.support.metrics.SampledGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import dev.shopfleet.support.ShopSettings;
import io.micronaut.email.BodyType;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.EmailSender;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is due, with exponential backoff (1 s doubling to a cap) while the mail server refuses, and gives
 * up after a number of attempts (the row says why). The row stays locked while its email is on the wire.
 */
@Singleton
public class Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);
    private final NotificationRepository notifications;
    private final EmailSender<Message, ?> sender;
    private final MeterRegistry meters;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final Contact from;

    Mailer(NotificationRepository notifications, EmailSender<Message, ?> sender, MeterRegistry meters, SampledGauges gauges,
           ShopSettings settings,
           @Value("${notifications.max-backoff:60s}") Duration maxBackoff,
           @Value("${notifications.max-attempts:50}") int maxAttempts) {
        this.notifications = notifications;
        this.sender = sender;
        this.meters = meters;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
        this.from = new Contact(settings.mailFrom(), settings.displayName());
        gauges.register(ShopMetric.NOTIFICATIONS_PENDING.micrometerName(), "E-mails not yet sent", null,
                notifications::countPending);
    }

    @Scheduled(fixedDelay = "${notifications.poll:1s}", initialDelay = "1s")
    @Transactional
    public void sendDue() {
        for (Notification n : notifications.lockDue(20)) {
            try {
                sender.send(Email.builder().from(from).to(n.recipient()).subject(n.subject()).body(n.body(), BodyType.TEXT),
                        message -> header(message, n));
                notifications.markSent(n.eventId());
                meters.counter("notifications.sent").increment();
                LOG.info("sent {} for order {}", n.type(), n.orderId());
            } catch (RuntimeException e) {
                Duration backoff = Duration.ofSeconds(1L << Math.min(n.attempts(), 20));
                Instant next = Instant.now().plus(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
                notifications.markFailed(n.eventId(), next, abbreviate(rootMessage(e)), maxAttempts);
                meters.counter("notifications.failures").increment();
                LOG.warn("could not send {} for order {} (attempt {}): {}", n.type(), n.orderId(), n.attempts() + 1, rootMessage(e));
            }
        }
    }

    /** Lets a mail system (or a test) tell a resent email from a new one. */
    private static void header(Message message, Notification n) {
        try {
            message.setHeader("X-Shop-Event-Id", n.eventId().toString());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
