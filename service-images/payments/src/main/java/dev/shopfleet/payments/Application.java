package dev.shopfleet.payments;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.support.ShopApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "payments", version = "1",
        description = "Card tokenization and payments per order: authorize, capture, cancel (void or refund)"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        ShopApplication.run(Application.class, ShopService.PAYMENTS, args);
    }
}
