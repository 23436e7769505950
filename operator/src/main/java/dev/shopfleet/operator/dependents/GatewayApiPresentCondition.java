package dev.shopfleet.operator.dependents;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import dev.shopfleet.operator.api.ShopPlatform;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import java.time.Duration;

/**
 * The HTTPRoute dependent (and its informer) is active only while the cluster has the Gateway API.
 * Unlike JOSDK's default, which stops looking after ten tries, it keeps checking every half minute,
 * so a Gateway API installed after the operator started is picked up.
 */
public class GatewayApiPresentCondition extends CRDPresentActivationCondition<HTTPRoute, ShopPlatform> {
    public static final String CRD = "httproutes.gateway.networking.k8s.io";

    public GatewayApiPresentCondition() {
        super(Integer.MAX_VALUE, Duration.ofSeconds(30));
    }
}
