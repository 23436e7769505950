package dev.shopfleet.notifications;

import dev.shopfleet.support.ShopSettings;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.email.javamail.sender.MailPropertiesProvider;
import io.micronaut.email.javamail.sender.MailPropertiesProviderFactory;
import jakarta.inject.Singleton;
import java.util.Properties;

/** The shop's mail server, from its settings rather than from configuration (see {@link ShopSettings}). */
@Singleton
@Replaces(bean = MailPropertiesProvider.class, factory = MailPropertiesProviderFactory.class)
class MailServer implements MailPropertiesProvider {
    private final Properties properties = new Properties();

    MailServer(ShopSettings settings) {
        properties.put("mail.smtp.host", settings.smtpHost());
        properties.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "3000");
        properties.put("mail.smtp.timeout", "5000");
    }

    @Override
    public Properties mailProperties() {
        return properties;
    }
}
