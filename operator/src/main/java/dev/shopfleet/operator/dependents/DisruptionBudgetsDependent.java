package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopServiceSpec;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/** A service with more than one pod keeps all but one of them through voluntary disruptions (drains). */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class DisruptionBudgetsDependent extends ShopBulkDependent<PodDisruptionBudget> {

    public DisruptionBudgetsDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected List<PodDisruptionBudget> desired(Shop shop) {
        return shop.enabledServices().stream()
                .filter(service -> minimumReplicas(shop.serviceSpec(service)) > 1)
                .map(service -> new PodDisruptionBudgetBuilder()
                        .withMetadata(metadata(shop, shop.objectName(service), shop.labels(service, Shop.Component.service)))
                        .withNewSpec()
                        .withMaxUnavailable(new IntOrString(1))
                        .withNewSelector().withMatchLabels(shop.selectorLabels(service, Shop.Component.service)).endSelector()
                        .endSpec()
                        .build())
                .toList();
    }

    static int minimumReplicas(ShopServiceSpec spec) {
        return spec.getAutoscaling() != null ? spec.getAutoscaling().getMinReplicas() : spec.getReplicas();
    }
}
