package dev.shopfleet.storefront;

import dev.shopfleet.contract.ProductSearch;
import dev.shopfleet.contract.ProductSort;
import dev.shopfleet.contract.Sku;
import dev.shopfleet.storefront.Clients.Category;
import dev.shopfleet.storefront.Clients.Product;
import dev.shopfleet.storefront.Clients.ProductPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Browsing: the home page with search, categories and sorting, a product's page, and product pictures. */
@WebPages
public class CataloguePages {
    private static final int PAGE_SIZE = 12;
    private static final int LAST_PAGE = 1000;
    private final Pages pages;
    private final CatalogueReads catalog;

    CataloguePages(Pages pages, CatalogueReads catalog) {
        this.pages = pages;
        this.catalog = catalog;
    }

    @Get("/{?q,category,sort,page}")
    public MutableHttpResponse<?> home(HttpRequest<?> request, @Nullable @QueryValue String q, @Nullable @QueryValue String category,
                                       @Nullable @QueryValue String sort, @Nullable @QueryValue Integer page) {
        Shopper shopper = Shopper.of(request);
        CompletableFuture<PageFrame> frame = pages.frameInParallel(shopper);
        Optional<String> invalid = ProductSearch.problem(q, category);
        if (invalid.isPresent()) {
            return pages.error(shopper, Pages.model(frame.join()), HttpStatus.BAD_REQUEST, "That search cannot be made", invalid.get());
        }
        String order = ProductSort.fromKey(sort).orElse(ProductSort.DEFAULT).key();
        int p = page == null || page < 0 || page > LAST_PAGE ? 0 : page;
        Optional<ProductPage> products = Pages.call(() -> catalog.search(blankToNull(q), blankToNull(category), order, p, PAGE_SIZE));
        List<Category> categories = Pages.call(catalog::categories).orElse(List.of());
        Map<String, Object> model = Pages.model(frame.join());
        if (products.isEmpty()) {
            return catalogDown(shopper, model);
        }
        model.put("products", products.get());
        model.put("categories", categories);
        model.put("q", q == null ? "" : q);
        model.put("category", category == null ? "" : category);
        model.put("sort", order);
        return pages.page(shopper, HttpStatus.OK, "home", model);
    }

    @Get("/products/{sku}")
    public MutableHttpResponse<?> product(HttpRequest<?> request, String sku) {
        Shopper shopper = Shopper.of(request);
        CompletableFuture<PageFrame> frame = pages.frameInParallel(shopper);
        Optional<Optional<Product>> product = Sku.isValid(sku)
                ? Pages.call(() -> Optional.ofNullable(catalog.product(sku))) : Optional.of(Optional.empty());
        Map<String, Object> model = Pages.model(frame.join());
        if (product.isEmpty()) {
            return catalogDown(shopper, model);
        }
        if (product.get().isEmpty()) {
            return noSuchProduct(shopper, model);
        }
        model.put("product", product.get().get());
        return pages.page(shopper, HttpStatus.OK, "product", model);
    }

    /** A picture drawn from the SKU alone: the same SKU always looks the same, and no image store is needed. */
    @Get(value = "/images/{sku}.svg", produces = "image/svg+xml")
    public HttpResponse<String> image(String sku) {
        int hue = Math.floorMod(sku.hashCode(), 360);
        String label = Sku.isValid(sku) ? sku : "?";
        return HttpResponse.ok("<svg xmlns='http://www.w3.org/2000/svg' width='320' height='220' viewBox='0 0 320 220'>"
                + "<rect width='320' height='220' fill='hsl(" + hue + ",45%,82%)'/>"
                + "<circle cx='160' cy='100' r='52' fill='hsl(" + hue + ",45%,60%)'/>"
                + "<text x='160' y='195' font-family='sans-serif' font-size='16' text-anchor='middle' fill='#333'>" + label
                + "</text></svg>").header("Cache-Control", "max-age=86400");
    }

    private MutableHttpResponse<?> catalogDown(Shopper shopper, Map<String, Object> model) {
        return pages.error(shopper, model, HttpStatus.SERVICE_UNAVAILABLE, "The catalogue is unavailable",
                "We can't show products right now. Please try again in a moment.");
    }

    private MutableHttpResponse<?> noSuchProduct(Shopper shopper, Map<String, Object> model) {
        return pages.notFound(shopper, model, "There is no such product in this shop.");
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
