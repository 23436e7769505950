package dev.shopfleet.orders;

import dev.shopfleet.orders.Entities.OutboxEvent;

/**
 * Where the outbox relay delivers order events. HTTP to notifications today; a broker (Kafka, RabbitMQ, NATS)
 * is another implementation. Throwing means "not delivered": the relay tries again later.
 */
public interface EventPublisher {
    void publish(OutboxEvent event);
}
