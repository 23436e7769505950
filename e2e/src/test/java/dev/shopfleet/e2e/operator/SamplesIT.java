package dev.shopfleet.e2e.operator;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in samples/ is applied as a user would: accepted by the API server, picked up by the
 * operator, which creates the shop's objects and reports a status. (Their services run the shop's real
 * images, so they are not waited on here.)
 */
class SamplesIT {
    private static KubernetesClient client;

    @BeforeAll
    static void setUp() {
        client = TestCluster.client();
        SharedOperator.get();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    static Stream<Path> samples() throws IOException {
        return Files.list(OperatorProcess.REPO.resolve("samples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void isAcceptedAndReconciled(Path sample) throws IOException {
        String namespace = TestCluster.createNamespace(client, "sample");
        try (InputStream in = Files.newInputStream(sample)) {
            List<HasMetadata> items = client.load(in).items();
            items.forEach(item -> client.resource(item).inNamespace(namespace).create());
            GenericKubernetesResource shop = items.stream().filter(GenericKubernetesResource.class::isInstance)
                    .map(GenericKubernetesResource.class::cast).filter(r -> Shops.KIND.equals(r.getKind()))
                    .findFirst().orElseThrow(() -> new AssertionError(sample + " has no ShopPlatform"));
            String name = shop.getMetadata().getName();
            // A status is a moment: a pod that waits for its volume or a node is Degraded until it runs, and the
            // services are not waited on here. A sample the operator finds wrong stays Degraded and fails with its reason.
            Poll.until("the operator to report on " + sample.getFileName() + " without a problem", Duration.ofMinutes(3),
                    () -> Shops.observedGeneration(client, namespace, name) == Shops.generation(client, namespace, name)
                            && !client.services().inNamespace(namespace).withLabel(Shops.LABEL, name).list().getItems().isEmpty()
                            && Shops.hasCondition(client, namespace, name, "Degraded", "False", null),
                    () -> Shops.describe(client, namespace, name));
        } finally {
            client.namespaces().withName(namespace).delete();
        }
    }
}
