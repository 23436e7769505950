package dev.shopfleet.orders;

import dev.shopfleet.orders.Entities.OutboxEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;

/**
 * Delivers events straight to notifications' inbox, for a shop that runs notifications but no broker
 * ({@code spec.messaging.mode: none}); with a broker, {@link KafkaEventPublisher} publishes them instead.
 */
@Singleton
@Requires(property = "micronaut.http.services.notifications.url")
@Requires(property = "shop.broker.enabled", notEquals = "true")
public class HttpEventPublisher implements EventPublisher {
    private final HttpClient notifications;

    HttpEventPublisher(@Client(id = "notifications") HttpClient notifications) {
        this.notifications = notifications;
    }

    @Override
    public void publish(OutboxEvent event) {
        notifications.toBlocking().exchange(HttpRequest.POST("/events", event.payload()).contentType(MediaType.APPLICATION_JSON_TYPE));
    }
}
