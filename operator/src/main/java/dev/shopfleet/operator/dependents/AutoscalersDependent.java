package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/** CPU-based autoscaling for the services that ask for it. */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class AutoscalersDependent extends ShopBulkDependent<HorizontalPodAutoscaler> {

    public AutoscalersDependent() {
        super(HorizontalPodAutoscaler.class);
    }

    @Override
    protected List<HorizontalPodAutoscaler> desired(Shop shop) {
        return shop.enabledServices().stream()
                .filter(service -> shop.serviceSpec(service).getAutoscaling() != null)
                .map(service -> {
                    var autoscaling = shop.serviceSpec(service).getAutoscaling();
                    return new HorizontalPodAutoscalerBuilder()
                            .withMetadata(metadata(shop, shop.objectName(service), shop.labels(service, Shop.Component.service)))
                            .withNewSpec()
                            .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                            .withName(shop.objectName(service)).endScaleTargetRef()
                            .withMinReplicas(autoscaling.getMinReplicas())
                            .withMaxReplicas(autoscaling.getMaxReplicas())
                            .addNewMetric().withType("Resource")
                            .withNewResource().withName("cpu")
                            .withNewTarget().withType("Utilization")
                            .withAverageUtilization(autoscaling.getTargetCPUUtilizationPercentage()).endTarget()
                            .endResource()
                            .endMetric()
                            .endSpec()
                            .build();
                })
                .toList();
    }
}
