package dev.shopfleet.operator.reconciler;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.shop.SecretValues;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What admission cannot check: that the Secret an external database names exists and holds a usable
 * connection. The problems found become a status condition; nothing is torn down because of them.
 * Messages name keys, never values.
 */
public final class ExternalDatabases {
    static final List<String> REQUIRED_KEYS = List.of(ShopContract.SECRET_HOST, ShopContract.SECRET_PORT,
            ShopContract.SECRET_DATABASE, ShopContract.SECRET_USERNAME, ShopContract.SECRET_PASSWORD);

    private ExternalDatabases() {
    }

    /** Problems per service, given a way to look a Secret up by name (null when absent). */
    public static Map<ShopService, String> problems(Shop shop, Function<String, Secret> secrets) {
        Map<ShopService, String> problems = new EnumMap<>(ShopService.class);
        for (ShopService service : shop.databases(DatabaseMode.external)) {
            String name = shop.databaseSecretName(service);
            Secret secret = secrets.apply(name);
            if (secret == null) {
                problems.put(service, "Secret " + name + " not found");
                continue;
            }
            List<String> missing = SecretValues.missing(secret, REQUIRED_KEYS);
            if (!missing.isEmpty()) {
                problems.put(service, "Secret " + name + " lacks " + String.join(", ", missing));
            } else if (!SecretValues.isPort(SecretValues.text(secret, ShopContract.SECRET_PORT))) {
                problems.put(service, "Secret " + name + ": port is not a number from 1 to 65535");
            }
        }
        return problems;
    }

    /** The port each external database listens on, as its (valid) Secret says: what the shop's egress opens. */
    public static Map<ShopService, Integer> ports(Shop shop, Function<String, Secret> secrets) {
        Map<ShopService, Integer> ports = new EnumMap<>(ShopService.class);
        for (ShopService service : shop.databases(DatabaseMode.external)) {
            String port = SecretValues.text(secrets.apply(shop.databaseSecretName(service)), ShopContract.SECRET_PORT);
            if (SecretValues.isPort(port)) {
                ports.put(service, Integer.parseInt(port));
            }
        }
        return ports;
    }
}
