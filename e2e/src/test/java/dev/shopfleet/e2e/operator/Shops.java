package dev.shopfleet.e2e.operator;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** ShopPlatforms as users handle them: YAML in, status out. */
public final class Shops {
    public static final String API_VERSION = "shopfleet.dev/v1alpha1";
    public static final String KIND = "ShopPlatform";
    public static final String LABEL = "shopfleet.dev/shop";

    private Shops() {
    }

    public static Resource<GenericKubernetesResource> shop(KubernetesClient client, String namespace, String name) {
        return client.genericKubernetesResources(API_VERSION, KIND).inNamespace(namespace).withName(name);
    }

    /** Server-side applies a ShopPlatform given as YAML (its spec's fields as the test writes them). */
    public static GenericKubernetesResource apply(KubernetesClient client, String namespace, String yaml) {
        GenericKubernetesResource resource = (GenericKubernetesResource) client.resource(yaml).item();
        resource.getMetadata().setNamespace(namespace);
        return client.resource(resource).fieldManager("e2e-test").forceConflicts().serverSideApply();
    }

    /**
     * The Secret that describes an external Kafka (spec.messaging.secretName): where, how, and a user for every client
     * service of the contract (its id) with the password {@code passwords} gives it.
     */
    public static Secret externalKafkaSecret(String namespace, String name, String bootstrapServers, String securityProtocol,
            Function<ShopService, String> passwords) {
        Map<String, String> data = new LinkedHashMap<>(Map.of(BrokerContract.SECRET_BOOTSTRAP_SERVERS, bootstrapServers,
                BrokerContract.SECRET_SECURITY_PROTOCOL, securityProtocol));
        for (ShopService user : ShopTopic.clients()) {
            data.put(BrokerContract.usernameKey(user), user.id());
            data.put(BrokerContract.passwordKey(user), passwords.apply(user));
        }
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withStringData(data).build();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> status(KubernetesClient client, String namespace, String name) {
        GenericKubernetesResource shop = shop(client, namespace, name).get();
        Object status = shop == null ? null : shop.getAdditionalProperties().get("status");
        return status instanceof Map ? (Map<String, Object>) status : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> condition(KubernetesClient client, String namespace, String name, String type) {
        Object conditions = status(client, namespace, name).get("conditions");
        if (!(conditions instanceof List)) {
            return Optional.empty();
        }
        return ((List<Map<String, Object>>) conditions).stream().filter(c -> type.equals(c.get("type"))).findFirst();
    }

    public static boolean hasCondition(KubernetesClient client, String namespace, String name, String type, String status,
            String reason) {
        return condition(client, namespace, name, type)
                .filter(c -> status.equals(c.get("status")) && (reason == null || reason.equals(c.get("reason"))))
                .isPresent();
    }

    public static void awaitCondition(KubernetesClient client, String namespace, String name, String type, String status,
            String reason, Duration timeout) {
        Poll.until("shop " + name + " to have " + type + "=" + status + (reason != null ? " (" + reason + ")" : ""),
                timeout, () -> hasCondition(client, namespace, name, type, status, reason),
                () -> describe(client, namespace, name));
    }

    /** Ready for its current spec: the operator has observed the latest generation and reports Ready=True. */
    public static void awaitReady(KubernetesClient client, String namespace, String name, Duration timeout) {
        Poll.until("shop " + name + " to be Ready for its latest spec", timeout,
                () -> observedGeneration(client, namespace, name) == generation(client, namespace, name)
                        && hasCondition(client, namespace, name, "Ready", "True", null),
                () -> describe(client, namespace, name));
    }

    /**
     * Ready for its latest spec and done changing: besides being Ready, every workload, database and broker runs its
     * latest template (Progressing=False), so no pod of the shop is about to be replaced.
     */
    public static void awaitSettled(KubernetesClient client, String namespace, String name, Duration timeout) {
        Poll.until("shop " + name + " to be Ready and no longer Progressing for its latest spec", timeout,
                () -> observedGeneration(client, namespace, name) == generation(client, namespace, name)
                        && hasCondition(client, namespace, name, "Ready", "True", null)
                        && hasCondition(client, namespace, name, "Progressing", "False", null),
                () -> describe(client, namespace, name));
    }

    /** The shop's conditions and what the namespace's pods and Events say: for a failed wait. */
    public static String describe(KubernetesClient client, String namespace, String name) {
        Object conditions = status(client, namespace, name).get("conditions");
        String text = conditions instanceof List<?> list
                ? list.stream().map(Object::toString).collect(Collectors.joining("\n  ", "conditions:\n  ", "\n"))
                : "no status\n";
        return text + TestCluster.describe(client, namespace);
    }

    public static long generation(KubernetesClient client, String namespace, String name) {
        return shop(client, namespace, name).get().getMetadata().getGeneration();
    }

    public static long observedGeneration(KubernetesClient client, String namespace, String name) {
        Object observed = status(client, namespace, name).get("observedGeneration");
        return observed instanceof Number n ? n.longValue() : -1;
    }
}
