package dev.shopfleet.support;

import dev.shopfleet.contract.ShopContract;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the shop's owner typed (display name, theme, admin e-mails, mail server and sender), kept as data. It is
 * deliberately not Micronaut configuration: configuration expands {@code ${...}} placeholders, so a display name
 * could otherwise print the service's own settings (its database password) into a page or an e-mail.
 * {@link ShopApplication} registers it as a bean; services inject it instead of {@code @Value}.
 */
public record ShopSettings(String displayName, String theme, Set<String> adminEmails, String adminInvitation,
                           String smtpHost, int smtpPort, String mailFrom) {
    public static ShopSettings of(Map<String, String> env) {
        String shop = env.getOrDefault(ShopContract.ENV_SHOP_NAME, "shop");
        String displayName = env.getOrDefault(ShopContract.ENV_SHOP_DISPLAY_NAME, shop);
        Set<String> admins = Arrays.stream(env.getOrDefault(ShopContract.ENV_ADMIN_EMAILS, "").split(","))
                .map(ShopSettings::normalizeEmail).filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new ShopSettings(displayName, env.getOrDefault(ShopContract.ENV_SHOP_THEME, "default"), admins,
                env.getOrDefault(ShopContract.ENV_ADMIN_INVITATION, ""),
                env.getOrDefault(ShopContract.ENV_SMTP_HOST, "localhost"), port(env.get(ShopContract.ENV_SMTP_PORT)),
                env.getOrDefault(ShopContract.ENV_SMTP_FROM, "orders@" + shop + ".shop.invalid"));
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static int port(String value) {
        if (value == null || value.isBlank()) {
            return 25;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(ShopContract.ENV_SMTP_PORT + " is not a port number: " + value);
    }
}
