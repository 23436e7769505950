package dev.shopfleet.operator.reconciler;

import dev.shopfleet.operator.dependents.IstioPresentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;

/** Whether the cluster has Istio (its AuthorizationPolicy CRD), looked up at most every half minute. */
final class IstioDetector {
    private static final Duration RECHECK = Duration.ofSeconds(30);
    private volatile boolean installed;
    private volatile Instant checkedAt = Instant.EPOCH;

    boolean installed(KubernetesClient client) {
        if (Instant.now().isAfter(checkedAt.plus(RECHECK))) {
            installed = client.apiextensions().v1().customResourceDefinitions()
                    .withName(IstioPresentCondition.AUTHORIZATION_POLICY_CRD).get() != null;
            checkedAt = Instant.now();
        }
        return installed;
    }
}
