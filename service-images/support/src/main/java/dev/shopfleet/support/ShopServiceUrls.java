package dev.shopfleet.support;

import dev.shopfleet.contract.ShopService;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Where this service's callees are (as ShopEnvironment configured their HTTP clients), to tell which one a request goes to. */
@Singleton
public class ShopServiceUrls {
    private final Map<String, ShopService> byAuthority = new HashMap<>();

    ShopServiceUrls(Environment environment, @Value("${shop.service}") String self) {
        for (ShopService callee : ShopService.fromId(self).calls()) {
            environment.getProperty("micronaut.http.services." + callee.id() + ".url", String.class).ifPresent(url -> {
                URI uri = URI.create(url);
                byAuthority.put(uri.getHost() + ":" + (uri.getPort() == -1 ? 80 : uri.getPort()), callee);
            });
        }
    }

    /** Callees by "host:port". */
    public Map<String, ShopService> byAuthority() {
        return Map.copyOf(byAuthority);
    }
}
