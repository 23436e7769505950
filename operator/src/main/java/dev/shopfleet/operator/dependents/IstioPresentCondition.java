package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopPlatform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import java.time.Duration;

/**
 * An Istio dependent (and its informer) is active only while the cluster has that Istio CRD; checked every
 * half minute, so Istio installed or removed later is noticed.
 */
public class IstioPresentCondition<R extends HasMetadata> extends CRDPresentActivationCondition<R, ShopPlatform> {
    public static final String AUTHORIZATION_POLICY_CRD = "authorizationpolicies.security.istio.io";

    public IstioPresentCondition() {
        super(Integer.MAX_VALUE, Duration.ofSeconds(30));
    }
}
