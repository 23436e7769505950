package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's configuration: the shop's identity and the URLs of the services it calls that are
 * enabled. A callee that is absent here is disabled, and the service knows to do without it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class ConfigMapsDependent extends ShopBulkDependent<ConfigMap> {

    public ConfigMapsDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected List<ConfigMap> desired(Shop shop) {
        List<ConfigMap> configMaps = new ArrayList<>();
        shop.enabledServices().forEach(service -> configMaps.add(new ConfigMapBuilder()
                .withMetadata(metadata(shop, shop.objectName(service), shop.labels(service, Shop.Component.service)))
                .withData(data(shop, service))
                .build()));
        if (!shop.databases(DatabaseMode.managed).isEmpty()) {
            configMaps.add(new ConfigMapBuilder()
                    .withMetadata(metadata(shop, DatabasesDependent.initScriptName(shop), shop.shopLabels()))
                    .withData(Map.of(DatabasesDependent.INIT_SCRIPT, DatabasesDependent.SERVICE_ROLE_SCRIPT))
                    .build());
        }
        shop.capabilities().serviceAccountIssuer().ifPresent(issuer -> configMaps.add(new ConfigMapBuilder()
                .withMetadata(metadata(shop, workloadKeysName(shop), shop.shopLabels()))
                .withData(Map.of(ShopContract.WORKLOAD_KEYS_FILE, issuer.jwks()))
                .build()));
        return configMaps;
    }

    /** The cluster issuer's public keys, mounted in every service: how they verify each other's tokens. */
    static String workloadKeysName(Shop shop) {
        return shop.name() + "-workload-keys";
    }

    static Map<String, String> data(Shop shop, ShopService service) {
        Map<String, String> data = new TreeMap<>();
        data.put(ShopContract.ENV_SHOP_NAME, shop.name());
        shop.capabilities().serviceAccountIssuer()
                .ifPresent(issuer -> data.put(ShopContract.ENV_WORKLOAD_ISSUER, issuer.issuer()));
        if (service.isGateway()) {
            data.put(ShopContract.ENV_SHOP_DISPLAY_NAME, shop.displayName());
            data.put(ShopContract.ENV_SHOP_THEME, shop.spec().getTheme() != null ? shop.spec().getTheme() : "default");
        }
        for (ShopService callee : service.calls()) {
            if (shop.isEnabled(callee)) {
                data.put(ShopContract.urlVariable(callee), shop.serviceUrl(callee));
            }
        }
        return data;
    }

    /** A digest of the configuration: a pod template annotation, so a change rolls the pods. */
    static String checksum(Shop shop, ShopService service) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(data(shop, service).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
