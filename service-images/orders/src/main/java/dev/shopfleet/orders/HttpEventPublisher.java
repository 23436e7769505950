package dev.shopfleet.orders;

import dev.shopfleet.orders.Entities.OutboxEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;

/** Delivers events to notifications' inbox; present only when the shop runs notifications. */
@Singleton
@Requires(property = "micronaut.http.services.notifications.url")
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
