package dev.shopfleet.storefront;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.support.ShopApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "storefront", version = "1", description = "The shop gateway: /api/... routes to the shop services"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        ShopApplication.run(Application.class, ShopService.STOREFRONT, args);
    }
}
