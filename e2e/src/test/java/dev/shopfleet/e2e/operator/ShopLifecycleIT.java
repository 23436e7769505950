package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.AuditLog;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One shop's life on a real API server and node, in order: created and Ready, idle, changed through
 * its spec, tampered with, paused, its operator crashing, deleted. The shop's services are stand-ins
 * (an echo server answering the health endpoints) until the real images exist.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopLifecycleIT {
    private static final String SHOP = "tenant";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private static KubernetesClient client;
    private static String namespace;
    private static String images;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        images = TestImages.standInShopImages();
        namespace = TestCluster.createNamespace(client, "lifecycle");
    }

    @AfterAll
    static void tearDown() {
        TestCluster.tearDown(client, namespace);
    }

    private static void applyShop(String tag, String extraSpec) {
        Shops.apply(client, namespace, """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: %s}
                spec:
                  displayName: Tenant Shop
                  images: {registry: "%s", tag: %s}
                  route: {host: tenant.shop.test}
                %s
                """.formatted(SHOP, images, tag, extraSpec.indent(2)));
    }

    @Test
    @Order(1)
    void aShopBecomesReadyWithEveryObjectItNeeds() {
        applyShop("v1", "");
        Shops.awaitReady(client, namespace, SHOP, READY_TIMEOUT);

        assertThat(owned(Deployment.class)).hasSize(8);
        assertThat(owned(io.fabric8.kubernetes.api.model.apps.StatefulSet.class)).as("the databases and the broker").hasSize(7 + 1);
        assertThat(owned(io.fabric8.kubernetes.api.model.Service.class)).hasSize(8 + 7 + 1);
        assertThat(names(io.fabric8.kubernetes.api.model.ConfigMap.class))
                .as("one per service, the issuer's public keys, the databases' init script").hasSize(8 + 2)
                .contains(SHOP + "-workload-keys", SHOP + "-database-init");
        assertThat(owned(io.fabric8.kubernetes.api.model.ServiceAccount.class)).hasSize(8);
        assertThat(databaseSecrets()).hasSize(7);
        assertThat(names(Secret.class)).as("the databases' credentials, the admin invitation, the broker's credentials")
                .hasSize(7 + 1 + 1).contains(SHOP + "-admin-invitation", SHOP + "-broker");
        assertThat(owned(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class)).hasSize(1);
        assertThat(owned(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class)).isEmpty();
        assertThat(owned(NetworkPolicy.class)).as("default deny, one per service, one per database, the broker's")
                .hasSize(1 + 8 + 7 + 1);
        assertThat(client.network().v1().networkPolicies().inNamespace(namespace).withName(SHOP + "-payments").get()
                .getSpec().getIngress().get(0).getFrom()).as("the API server keeps payments' callers: orders only")
                .singleElement().satisfies(p -> assertThat(p.getPodSelector().getMatchLabels()).containsEntry(
                        "app.kubernetes.io/name", "orders"));
        assertThat(Shops.hasCondition(client, namespace, SHOP, "MeshPolicyApplied", "True", "NetworkPolicy")).isTrue();

        Map<String, Object> status = Shops.status(client, namespace, SHOP);
        assertThat(status).containsEntry("servicesReady", "8/8").containsEntry("url", "http://tenant.shop.test/");
        assertThat(Shops.observedGeneration(client, namespace, SHOP)).isEqualTo(Shops.generation(client, namespace, SHOP));
        assertThat(status.get("services").toString()).contains("database=Ready").contains("/catalog:v1");

        String shopUid = Shops.shop(client, namespace, SHOP).get().getMetadata().getUid();
        assertThat(owned(Deployment.class)).allSatisfy(d -> assertThat(d.getMetadata().getOwnerReferences())
                .anySatisfy(o -> assertThat(o.getUid()).isEqualTo(shopUid)));
        assertThat(owned(Secret.class)).as("under Retain the data is not owned by the shop")
                .allSatisfy(s -> assertThat(s.getMetadata().getOwnerReferences()).isEmpty());
    }

    @Test
    @Order(2)
    void idleResyncsWriteNothing() {
        OperatorProcess operator = SharedOperator.get();
        Poll.until("the shop to settle", Duration.ofMinutes(1),
                () -> Shops.hasCondition(client, namespace, SHOP, "Progressing", "False", "Reconciled"));
        Instant since = Instant.now();
        int events = events().size();
        // The test operator resyncs every 10 s: wait for three resyncs, then look at what they wrote. The
        // deadline leaves room for a machine much slower than the resync interval suggests.
        operator.awaitResyncs(client, 3, Duration.ofMinutes(4));
        assertThat(AuditLog.writesBy(OperatorProcess.USER, namespace, since)).as("writes by the operator while idle").isEmpty();
        assertThat(events()).as("Events while idle").hasSize(events);
    }

    @Test
    @Order(3)
    void changesToTheSpecReachTheChildren() {
        applyShop("v2", """
                services:
                  catalog: {replicas: 3}
                  notifications: {enabled: false}
                """);
        Poll.until("catalog to run 3 pods of v2 and notifications to be gone", READY_TIMEOUT, () -> {
            Deployment catalog = client.apps().deployments().inNamespace(namespace).withName(SHOP + "-catalog").get();
            return catalog.getSpec().getReplicas() == 3
                    && catalog.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith("/catalog:v2")
                    && client.apps().deployments().inNamespace(namespace).withName(SHOP + "-notifications").get() == null;
        }, () -> Shops.describe(client, namespace, SHOP));
        Shops.awaitReady(client, namespace, SHOP, READY_TIMEOUT);

        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(namespace).withName(SHOP + "-catalog").get())
                .as("a PodDisruptionBudget for the 3 catalog pods").isNotNull();
        assertThat(owned(Deployment.class)).hasSize(7).allSatisfy(d -> assertThat(
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":v2"));
        assertThat(client.configMaps().inNamespace(namespace).withName(SHOP + "-orders").get().getData())
                .as("orders is no longer told where notifications is").doesNotContainKey("SHOP_NOTIFICATIONS_URL");
        for (Class<? extends HasMetadata> kind : List.of(io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
                io.fabric8.kubernetes.api.model.Service.class, io.fabric8.kubernetes.api.model.ServiceAccount.class,
                io.fabric8.kubernetes.api.model.ConfigMap.class)) {
            assertThat(names(kind)).as(kind.getSimpleName()).noneMatch(n -> n.contains("notifications"));
        }
        assertThat(names(NetworkPolicy.class)).as("notifications' policies go with it; orders keeps the broker's")
                .hasSize(1 + 7 + 6 + 1)
                .noneMatch(n -> n.contains("notifications"));
        assertThat(names(Secret.class)).as("retained credentials").contains(SHOP + "-notifications-db");
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withName("data-" + SHOP + "-notifications-db-0")
                .get()).as("retained volume").isNotNull();
        assertThat(Shops.status(client, namespace, SHOP)).containsEntry("servicesReady", "7/7");
    }

    @Test
    @Order(4)
    void objectsChangedOrDeletedByHandAreRestored() {
        String configMapUid = client.configMaps().inNamespace(namespace).withName(SHOP + "-catalog").get()
                .getMetadata().getUid();
        client.configMaps().inNamespace(namespace).withName(SHOP + "-catalog").delete();
        client.configMaps().inNamespace(namespace).withName(SHOP + "-storefront").edit(c -> {
            c.getData().put("SHOP_CATALOG_URL", "http://somewhere-else:8080");
            return c;
        });
        client.apps().deployments().inNamespace(namespace).withName(SHOP + "-cart").scale(0);
        client.apps().deployments().inNamespace(namespace).withName(SHOP + "-users").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(images + "/users:tampered");
            return d;
        });
        client.services().inNamespace(namespace).withName(SHOP + "-inventory").edit(s -> {
            s.getSpec().getSelector().put("app.kubernetes.io/name", "nothing");
            return s;
        });
        Poll.until("every object changed or deleted by hand to be restored", Duration.ofMinutes(2), () -> {
            var catalog = client.configMaps().inNamespace(namespace).withName(SHOP + "-catalog").get();
            return catalog != null && !catalog.getMetadata().getUid().equals(configMapUid)
                    && "http://tenant-catalog:8080".equals(client.configMaps().inNamespace(namespace)
                            .withName(SHOP + "-storefront").get().getData().get("SHOP_CATALOG_URL"))
                    && client.apps().deployments().inNamespace(namespace).withName(SHOP + "-cart").get()
                            .getSpec().getReplicas() == 1
                    && client.apps().deployments().inNamespace(namespace).withName(SHOP + "-users").get().getSpec()
                            .getTemplate().getSpec().getContainers().get(0).getImage().endsWith("/users:v2")
                    && "inventory".equals(client.services().inNamespace(namespace).withName(SHOP + "-inventory").get()
                            .getSpec().getSelector().get("app.kubernetes.io/name"));
        }, () -> Shops.describe(client, namespace, SHOP));
        Shops.awaitReady(client, namespace, SHOP, READY_TIMEOUT);
    }

    @Test
    @Order(5)
    void aPausedShopIsLeftAsItIs() {
        applyShop("v2", "paused: true\nservices:\n  catalog: {replicas: 3}\n  notifications: {enabled: false}");
        Shops.awaitCondition(client, namespace, SHOP, "Progressing", "False", "Paused", Duration.ofMinutes(1));
        client.configMaps().inNamespace(namespace).withName(SHOP + "-catalog").delete();
        // A spec change the operator observes (the status catches up with the generation) proves it reconciled.
        applyShop("v2", "paused: true\nservices:\n  catalog: {replicas: 2}\n  notifications: {enabled: false}");
        long generation = Shops.generation(client, namespace, SHOP);
        Poll.until("the operator to observe generation " + generation, Duration.ofMinutes(1),
                () -> Shops.observedGeneration(client, namespace, SHOP) == generation);
        assertThat(client.configMaps().inNamespace(namespace).withName(SHOP + "-catalog").get()).isNull();
        assertThat(client.apps().deployments().inNamespace(namespace).withName(SHOP + "-catalog").get().getSpec()
                .getReplicas()).isEqualTo(3);

        applyShop("v2", "services:\n  catalog: {replicas: 2}\n  notifications: {enabled: false}");
        Poll.until("the unpaused shop to be reconciled", Duration.ofMinutes(1),
                () -> client.configMaps().inNamespace(namespace).withName(SHOP + "-catalog").get() != null
                        && client.apps().deployments().inNamespace(namespace).withName(SHOP + "-catalog").get()
                                .getSpec().getReplicas() == 2);
    }

    @Test
    @Order(6)
    void anOperatorKilledMidwayConvergesWithoutDuplicatesOrNewPasswords() {
        Map<String, String> passwords = passwords();
        // Re-enable notifications and kill the operator while it works on it.
        applyShop("v2", "services:\n  catalog: {replicas: 2}");
        Poll.until("the operator to start on notifications", Duration.ofMinutes(1),
                () -> client.apps().statefulSets().inNamespace(namespace).withName(SHOP + "-notifications-db").get() != null);
        SharedOperator.crashAndRestart();

        Shops.awaitReady(client, namespace, SHOP, READY_TIMEOUT);
        assertThat(Shops.status(client, namespace, SHOP)).containsEntry("servicesReady", "8/8");
        assertThat(owned(Deployment.class)).hasSize(8);
        assertThat(owned(io.fabric8.kubernetes.api.model.apps.StatefulSet.class)).hasSize(7 + 1);
        assertThat(databaseSecrets()).hasSize(7);
        assertThat(passwords()).as("no credentials regenerated, the retained one reused").isEqualTo(passwords);
    }

    @Test
    @Order(7)
    void deletingTheShopCollectsItsObjectsAndKeepsItsDataUnderRetain() {
        Shops.shop(client, namespace, SHOP).delete();
        Poll.until("the garbage collector to remove the shop's objects", Duration.ofMinutes(2),
                () -> owned(Deployment.class).isEmpty() && owned(io.fabric8.kubernetes.api.model.apps.StatefulSet.class).isEmpty()
                        && owned(io.fabric8.kubernetes.api.model.Service.class).isEmpty()
                        && owned(io.fabric8.kubernetes.api.model.ConfigMap.class).isEmpty()
                        && owned(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class).isEmpty(),
                () -> TestCluster.describe(client, namespace));
        assertThat(databaseSecrets()).hasSize(7);
        assertThat(client.secrets().inNamespace(namespace).withName(SHOP + "-broker").get()).as("the broker's credentials")
                .isNotNull();
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withLabel(Shops.LABEL, SHOP).list().getItems())
                .as("the databases' volumes and the broker's").hasSize(7 + 1);
    }

    private Map<String, String> passwords() {
        return databaseSecrets().stream().collect(Collectors.toMap(s -> s.getMetadata().getName(),
                s -> s.getData().get("password")));
    }

    private static List<Secret> databaseSecrets() {
        return owned(Secret.class).stream().filter(s -> s.getMetadata().getName().endsWith("-db")).toList();
    }

    private static <T extends HasMetadata> List<T> owned(Class<T> kind) {
        return client.resources(kind).inNamespace(namespace).withLabel(Shops.LABEL, SHOP).list().getItems();
    }

    private static List<String> names(Class<? extends HasMetadata> kind) {
        return owned(kind).stream().map(r -> r.getMetadata().getName()).toList();
    }

    private static List<io.fabric8.kubernetes.api.model.Event> events() {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> SHOP.equals(e.getInvolvedObject().getName()) && Shops.KIND.equals(e.getInvolvedObject().getKind()))
                .toList();
    }
}
