package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator installed for some namespaces only (operator/deploy/namespaced-install), as the API server authorizes
 * its ServiceAccount (what `kubectl auth can-i --as=...` asks): it cannot read kube-system's Secrets nor write
 * Deployments outside the namespaces it watches, and with exactly those rights it runs a shop.
 */
class NamespacedInstallIT {
    private static KubernetesClient client;
    private static String install;
    private static String watched;
    private static String unwatched;
    private static OperatorProcess operator;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get(); // the CRD and the cluster-wide install, for comparison
        install = "shopfleet-ns-" + UUID.randomUUID().toString().substring(0, 6);
        watched = TestCluster.createNamespace(client, "watched");
        unwatched = TestCluster.createNamespace(client, "unwatched");
        Process generator = new ProcessBuilder(OperatorProcess.REPO.resolve("operator/deploy/namespaced-install").toString(),
                "--install-namespace", install, watched).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] manifests = generator.getInputStream().readAllBytes();
        assertThat(generator.waitFor()).as("namespaced-install exits 0").isZero();
        for (HasMetadata item : client.load(new ByteArrayInputStream(manifests)).items()) {
            if (!(item instanceof Deployment)) { // the test runs the operator as a process, as that Deployment's identity
                client.resource(item).forceConflicts().serverSideApply();
            }
        }
        assertThat(new String(manifests, StandardCharsets.UTF_8)).contains("QUARKUS_OPERATOR_SDK_NAMESPACES, value: \"" + watched + "\"");
    }

    @AfterAll
    static void tearDown() {
        if (operator != null) {
            operator.close();
        }
        client.rbac().clusterRoleBindings().withName("shopfleet-operator-cluster." + install).delete();
        client.namespaces().withName(unwatched).delete();
        client.namespaces().withName(install).delete();
        TestCluster.tearDown(client, watched);
    }

    @Test
    void onlyTheWatchedNamespacesAreWithinReach() {
        assertThat(can(install, "get", "", "secrets", "kube-system")).as("kube-system's Secrets").isFalse();
        assertThat(can(install, "list", "", "secrets", "")).as("Secrets cluster-wide").isFalse();
        assertThat(can(install, "create", "apps", "deployments", "kube-system")).as("Deployments in kube-system").isFalse();
        assertThat(can(install, "create", "apps", "deployments", unwatched)).as("Deployments in an unwatched namespace").isFalse();
        assertThat(can(install, "create", "apps", "deployments", watched)).as("Deployments where it runs shops").isTrue();
        assertThat(can(install, "list", "", "secrets", watched)).as("Secrets where it runs shops").isTrue();
        assertThat(can(OperatorProcess.NAMESPACE, "create", "apps", "deployments", "kube-system"))
                .as("the cluster-wide install's reach, as README warns").isTrue();
    }

    @Test
    void withThoseRightsItRunsAShopInItsNamespaceAndLeavesTheOthersAlone() throws Exception {
        SharedOperator.release(); // one operator per shop: the cluster-wide one would reconcile these shops too
        String images = TestImages.standInShopImages();
        operator = OperatorProcess.start(client, "operator-namespaced", Map.of("quarkus.operator-sdk.namespaces", watched), install);
        Shops.apply(client, watched, MinimalShops.yaml("inside", images, "{}", "deletionPolicy: Delete"));
        Shops.apply(client, unwatched, MinimalShops.yaml("outside", images, "{}", "deletionPolicy: Delete"));
        Shops.awaitReady(client, watched, "inside", Duration.ofMinutes(4));
        assertThat(Shops.status(client, unwatched, "outside")).as("a shop it does not watch has no status").isEmpty();
        assertThat(client.apps().deployments().inNamespace(unwatched).list().getItems()).as("nor any object").isEmpty();
        assertThat(operator.logTail()).as("no request the API server refused").doesNotContain("Forbidden");
    }

    private static boolean can(String installNamespace, String verb, String group, String resource, String namespace) {
        String user = "system:serviceaccount:" + installNamespace + ":shopfleet-operator";
        var review = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(user)
                .withGroups(List.of("system:serviceaccounts", "system:serviceaccounts:" + installNamespace, "system:authenticated"))
                .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(resource).withNamespace(namespace)
                .endResourceAttributes().endSpec().build());
        return review.getStatus().getAllowed();
    }
}
