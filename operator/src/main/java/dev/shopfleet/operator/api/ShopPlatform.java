package dev.shopfleet.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A whole shop: which services run, with which images, databases and storefront route. */
@Group("shopfleet.dev")
@Version("v1alpha1")
@ShortNames({"shop", "shops"})
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Services", jsonPath = ".status.servicesReady")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "self.metadata.name.size() <= " + KubernetesNames.SHOP_NAME_MAX,
        message = "a ShopPlatform's name prefixes the names of everything it creates: use at most "
                + KubernetesNames.SHOP_NAME_MAX + " characters")
@ValidationRule(value = "self.metadata.name.matches(r'" + KubernetesNames.SHOP_NAME + "')",
        message = "a ShopPlatform's name names its Services: lower-case letters, digits and '-', starting with a letter")
public class ShopPlatform extends CustomResource<ShopPlatformSpec, ShopPlatformStatus> implements Namespaced {
    @Override
    protected ShopPlatformSpec initSpec() {
        return new ShopPlatformSpec();
    }
}
