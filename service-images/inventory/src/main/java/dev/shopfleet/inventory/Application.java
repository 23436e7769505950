package dev.shopfleet.inventory;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.support.ShopApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "inventory", version = "1", description = "Stock and reservations"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        ShopApplication.run(Application.class, ShopService.INVENTORY, args);
    }
}
