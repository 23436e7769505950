package dev.shopfleet.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.ServiceProblem;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * What a shop's services set aside after all their attempts (orders' outbox events and sagas), read from their /health
 * every half minute through one of their ready pods, so the shop's status says it: set-aside work needs a person.
 * Unknown (no ready pod, or /health unreachable, as through Istio's mutual TLS) reports nothing.
 */
final class DeadLetters {
    static final String NAME = "dead-letters";
    static final Duration PERIOD = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What one service has set aside. */
    record Count(ShopService service, long events, long sagas) {
        boolean any() {
            return events + sagas > 0;
        }
    }

    private DeadLetters() {
    }

    static PerResourcePollingEventSource<Count, ShopPlatform, String> eventSource(EventSourceContext<ShopPlatform> context,
            InformerEventSource<Pod, ShopPlatform> pods) {
        var configuration = new PerResourcePollingConfigurationBuilder<Count, ShopPlatform, String>(
                shop -> {
                    List<Pod> shopPods = ShopPods.of(shop, pods); // once per poll, for every service that keeps dead letters
                    return keepers().map(service -> count(shop, service, shopPods)).flatMap(Optional::stream)
                            .collect(Collectors.toSet());
                },
                PERIOD)
                .withName(NAME)
                .withResourceIDMapper(count -> count.service().id())
                .build();
        return new PerResourcePollingEventSource<>(Count.class, context, configuration);
    }

    /** Per service that has set work aside, what and where to look. */
    static Map<ShopService, ServiceProblem> problems(Context<ShopPlatform> context) {
        return context.getSecondaryResourcesAsStream(Count.class).filter(Count::any).collect(Collectors.toMap(Count::service,
                count -> new ServiceProblem(ServiceProblem.DEAD_LETTERS, "it set aside " + count.events()
                        + " event(s) and " + count.sagas() + " order(s) it could not finish after all its attempts "
                        + "(outbox_dead_letter and saga_dead_letter in its database; README, Checkout, says how to retry them)")));
    }

    private static Stream<ShopService> keepers() {
        return Arrays.stream(ShopService.values()).filter(ShopService::keepsDeadLetters);
    }

    private static Optional<Count> count(ShopPlatform shop, ShopService service, List<Pod> shopPods) {
        Optional<String> address = shopPods.stream().filter(pod -> isReadyPodOf(pod, service))
                .map(pod -> pod.getStatus().getPodIP()).findFirst();
        if (address.isEmpty()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address.get() + ":"
                    + ShopContract.HTTP_PORT + ShopContract.HEALTH_PATH)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode details = Serialization.jsonMapper().readTree(health.body())
                    .at("/details/" + ShopContract.DEAD_LETTERS_INDICATOR + "/details");
            if (details.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(new Count(service, details.path(ShopContract.DEAD_LETTERS_OUTBOX).asLong(),
                    details.path(ShopContract.DEAD_LETTERS_SAGA).asLong()));
        } catch (IOException e) {
            LOG.debugf("%s/%s: %s's health unreadable: %s", shop.getMetadata().getNamespace(), shop.getMetadata().getName(),
                    service.id(), e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Of the shop's pods, a ready one of {@code service}. */
    private static boolean isReadyPodOf(Pod pod, ShopService service) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && service.id().equals(labels.get(Shop.LABEL_NAME)) && pod.getStatus() != null
                && pod.getStatus().getPodIP() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
