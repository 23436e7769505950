package dev.shopfleet.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

/**
 * Where orders' outbox relay delivers events (at least once) in a shop without a broker ({@code spec.messaging.mode:
 * none}); with a broker, {@link OrderEventsListener} takes them and this endpoint is not there. The mesh policies
 * admit only orders.
 */
@Controller
@Requires(property = "shop.broker.enabled", notEquals = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class EventsController {
    private final NotificationService notifications;

    EventsController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Operation(summary = "Take an order event; the same event again is acknowledged and ignored")
    @Post("/events")
    public HttpResponse<?> event(@Valid @Body OrderEvent event) {
        notifications.accept(event);
        return HttpResponse.accepted();
    }
}
