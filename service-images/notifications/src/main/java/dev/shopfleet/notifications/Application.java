package dev.shopfleet.notifications;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.support.ShopApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "notifications", version = "1", description = "Order events in, emails out"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        ShopApplication.run(Application.class, ShopService.NOTIFICATIONS, args);
    }
}
