package dev.shopfleet.catalog;

import dev.shopfleet.catalog.Dtos.ProductInput;
import dev.shopfleet.catalog.Dtos.ProductPage;
import dev.shopfleet.catalog.Dtos.ProductView;
import dev.shopfleet.contract.ProductSearch;
import dev.shopfleet.contract.ProductSort;
import dev.shopfleet.contract.Sku;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class CatalogController {
    static final String SKU = Sku.PATTERN;
    private final ProductService service;

    CatalogController(ProductService service) {
        this.service = service;
    }

    @Operation(summary = "Search products by text and category, a page at a time")
    @Get("/products")
    public ProductPage search(@Nullable @QueryValue @Size(max = ProductSearch.MAX_TEXT_LENGTH) String q,
                              @Nullable @QueryValue @Size(max = ProductSearch.MAX_CATEGORY_LENGTH) String category,
                              @QueryValue(defaultValue = "name") String sort,
                              @QueryValue(defaultValue = "0") @Min(0) @Max(10_000) int page,
                              @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        ProductSort order = ProductSort.fromKey(sort).orElseThrow(() -> new HttpStatusException(HttpStatus.BAD_REQUEST,
                "sort must be one of " + String.join(", ", ProductSort.keys())));
        return service.search(q, category, order, page, size);
    }

    @Operation(summary = "One product by SKU")
    @Get("/products/{sku}")
    public ProductView product(@Pattern(regexp = SKU, message = "is not a SKU") String sku) {
        return service.find(sku).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no product with SKU " + sku));
    }

    @Operation(summary = "All categories")
    @Get("/categories")
    public List<Category> categories() {
        return service.categories();
    }

    @Operation(summary = "Create or replace a product (admins)")
    @Put("/products/{sku}")
    @Secured("admin")
    public HttpResponse<ProductView> upsert(@Pattern(regexp = SKU, message = "is not a SKU") String sku,
                                            @Valid @Body ProductInput product) {
        boolean created = service.upsert(sku, product);
        ProductView view = service.find(sku).orElseThrow();
        return created ? HttpResponse.created(view) : HttpResponse.ok(view);
    }
}
