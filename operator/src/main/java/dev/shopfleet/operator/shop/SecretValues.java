package dev.shopfleet.operator.shop;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Reading what a user put in a Secret the spec names (an external database's, an external broker's): values stay here. */
public final class SecretValues {
    private SecretValues() {
    }

    /** The keys of {@code required} the Secret lacks or holds empty. */
    public static List<String> missing(Secret secret, List<String> required) {
        Map<String, String> data = secret.getData() != null ? secret.getData() : Map.of();
        return required.stream().filter(key -> data.get(key) == null || data.get(key).isEmpty()).toList();
    }

    /** A key's value as text, trimmed; empty if absent or not base64. */
    public static String text(Secret secret, String key) {
        String base64 = secret == null || secret.getData() == null ? null : secret.getData().get(key);
        if (base64 == null) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    public static boolean isPort(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
