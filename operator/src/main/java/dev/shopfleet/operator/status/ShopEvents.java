package dev.shopfleet.operator.status;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.api.ShopPlatformStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events for the transitions an SRE cares about: the shop becoming ready or not, degrading
 * or recovering. Emitted only when a condition changes, so resyncs and retries never repeat them.
 */
public final class ShopEvents {
    private static final Logger LOG = Logger.getLogger(ShopEvents.class);
    static final String COMPONENT = "shopfleet-operator";

    private ShopEvents() {
    }

    /** One Kubernetes Event about a shop. */
    public record ShopEvent(String type, String reason, String message) {
        static ShopEvent normal(String reason, String message) {
            return new ShopEvent("Normal", reason, message);
        }

        static ShopEvent warning(String reason, String message) {
            return new ShopEvent("Warning", reason, message);
        }
    }

    /** The events for going from {@code before} to {@code after}. */
    public static List<ShopEvent> transitions(ShopPlatformStatus before, ShopPlatformStatus after) {
        List<ShopEvent> events = new ArrayList<>();
        Condition ready = StatusAggregator.find(after, StatusAggregator.READY).orElseThrow();
        if (changed(before, ready)) {
            events.add("True".equals(ready.getStatus())
                    ? ShopEvent.normal("ShopReady", ready.getMessage())
                    : ShopEvent.warning(ready.getReason(), ready.getMessage()));
        }
        Condition degraded = StatusAggregator.find(after, StatusAggregator.DEGRADED).orElseThrow();
        if (changed(before, degraded) && (before != null || "True".equals(degraded.getStatus()))) {
            events.add("True".equals(degraded.getStatus())
                    ? ShopEvent.warning(degraded.getReason(), degraded.getMessage())
                    : ShopEvent.normal("Recovered", "The shop is no longer degraded."));
        }
        return events;
    }

    // A condition whose status or reason differs from before; a first Ready=False on creation is not news.
    private static boolean changed(ShopPlatformStatus before, Condition now) {
        var previous = StatusAggregator.find(before, now.getType());
        if (previous.isEmpty()) {
            return "True".equals(now.getStatus()) || !StatusAggregator.READY.equals(now.getType());
        }
        return !Objects.equals(previous.get().getStatus(), now.getStatus())
                || !Objects.equals(previous.get().getReason(), now.getReason());
    }

    public static void emit(KubernetesClient client, ShopPlatform shop, ShopPlatformStatus before, ShopPlatformStatus after) {
        for (ShopEvent event : transitions(before, after)) {
            String now = Instant.now().toString();
            try {
                client.v1().events().inNamespace(shop.getMetadata().getNamespace()).resource(new EventBuilder()
                        .withNewMetadata()
                        .withName(shop.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
                        .withNamespace(shop.getMetadata().getNamespace())
                        .endMetadata()
                        .withInvolvedObject(new ObjectReferenceBuilder()
                                .withApiVersion(shop.getApiVersion()).withKind(shop.getKind())
                                .withName(shop.getMetadata().getName()).withNamespace(shop.getMetadata().getNamespace())
                                .withUid(shop.getMetadata().getUid()).build())
                        .withType(event.type())
                        .withReason(event.reason())
                        .withMessage(event.message())
                        .withNewSource().withComponent(COMPONENT).endSource()
                        .withReportingComponent(COMPONENT)
                        .withFirstTimestamp(now)
                        .withLastTimestamp(now)
                        .withCount(1)
                        .build()).create();
            } catch (KubernetesClientException e) { // an Event is worth a log line, not a failed reconciliation
                LOG.warnf("could not record event %s for %s: %s", event.reason(), shop.getMetadata().getName(), e.getMessage());
            }
        }
    }
}
