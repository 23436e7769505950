package dev.shopfleet.inventory;

import dev.shopfleet.contract.Sku;
import dev.shopfleet.inventory.Dtos.ReservationRequest;
import dev.shopfleet.inventory.Dtos.ReservationView;
import dev.shopfleet.inventory.Dtos.StockLevel;
import dev.shopfleet.inventory.Dtos.StockView;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Stock is public to read. Reservations are for the shop's own services (orders): the mesh policies admit
 * only them (shopfleet's network/authorization policies), and the storefront's gateway does not route here.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class InventoryController {
    private final InventoryRepository stock;
    private final ReservationService reservations;

    InventoryController(InventoryRepository stock, ReservationService reservations) {
        this.stock = stock;
        this.reservations = reservations;
    }

    @Operation(summary = "Stock of one SKU")
    @Get("/stock/{sku}")
    public StockView stock(@Pattern(regexp = Sku.PATTERN, message = "is not a SKU") String sku) {
        return stock.findById(sku).map(StockView::of)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no stock record for SKU " + sku));
    }

    @Operation(summary = "Stock of several SKUs")
    @Get("/stock")
    public List<StockView> stocks(@QueryValue @NotEmpty @Size(max = 100)
                                  List<@Pattern(regexp = Sku.PATTERN, message = "is not a SKU") String> sku) {
        return stock.findBySkuInList(sku).stream().map(StockView::of).toList();
    }

    @Operation(summary = "Set a SKU's stock on hand (admins)")
    @Put("/stock/{sku}")
    @Secured("admin")
    public StockView setStock(@Size(max = 32) String sku, @Valid @Body StockLevel level) {
        if (stock.setOnHand(sku, level.onHand()) != 1) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "more than " + level.onHand() + " of " + sku + " is reserved");
        }
        return stock(sku);
    }

    @Operation(summary = "Reserve stock for a while; all lines or none")
    @Post("/reservations")
    public HttpResponse<ReservationView> reserve(@Valid @Body ReservationRequest request) {
        return HttpResponse.created(reservations.reserve(request));
    }

    @Get("/reservations/{id}")
    public ReservationView reservation(String id) {
        return reservations.find(id);
    }

    @Operation(summary = "Take the reserved stock (the order is paid)")
    @Post("/reservations/{id}/commit")
    public ReservationView commit(String id) {
        return reservations.commit(id);
    }

    @Operation(summary = "Give the reserved stock back")
    @Post("/reservations/{id}/release")
    public ReservationView release(String id) {
        return reservations.release(id);
    }
}
