package dev.shopfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorMessageTest {
    @Test
    void aFailedWorkflowIsDescribedByPartAndTheApiServersWords() {
        var rejected = new KubernetesClientException(new StatusBuilder().withCode(422)
                .withMessage("Service \"demo-users\" is invalid: spec.ports[1].name: Duplicate value: \"http\"").build());
        var error = new AggregatedOperatorException("Exception(s) during workflow execution.",
                Map.of("services", new RuntimeException("wrapped", rejected)));
        assertThat(ShopPlatformReconciler.describe(error))
                .isEqualTo("services: Service \"demo-users\" is invalid: spec.ports[1].name: Duplicate value: \"http\"");
    }
}
