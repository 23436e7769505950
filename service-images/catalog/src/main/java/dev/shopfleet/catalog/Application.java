package dev.shopfleet.catalog;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.support.ShopApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "catalog", version = "1", description = "A shop's products and categories"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        ShopApplication.run(Application.class, ShopService.CATALOG, args);
    }
}
