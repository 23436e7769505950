package dev.shopfleet.operator.reconciler;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
            Map<String, String> data = secret.getData() != null ? secret.getData() : Map.of();
            List<String> missing = REQUIRED_KEYS.stream()
                    .filter(key -> data.get(key) == null || data.get(key).isEmpty())
                    .toList();
            if (!missing.isEmpty()) {
                problems.put(service, "Secret " + name + " lacks " + String.join(", ", missing));
            } else if (!isPort(decode(data.get(ShopContract.SECRET_PORT)))) {
                problems.put(service, "Secret " + name + ": port is not a number from 1 to 65535");
            }
        }
        return problems;
    }

    /** The port each external database listens on, as its (valid) Secret says: what the shop's egress opens. */
    public static Map<ShopService, Integer> ports(Shop shop, Function<String, Secret> secrets) {
        Map<ShopService, Integer> ports = new EnumMap<>(ShopService.class);
        for (ShopService service : shop.databases(DatabaseMode.external)) {
            Secret secret = secrets.apply(shop.databaseSecretName(service));
            String port = secret == null || secret.getData() == null || secret.getData().get(ShopContract.SECRET_PORT) == null
                    ? "" : decode(secret.getData().get(ShopContract.SECRET_PORT));
            if (isPort(port)) {
                ports.put(service, Integer.parseInt(port));
            }
        }
        return ports;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean isPort(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
