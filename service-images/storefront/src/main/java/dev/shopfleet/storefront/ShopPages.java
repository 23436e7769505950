package dev.shopfleet.storefront;

import dev.shopfleet.storefront.Clients.AddLine;
import dev.shopfleet.storefront.Clients.Availability;
import dev.shopfleet.storefront.Clients.Card;
import dev.shopfleet.storefront.Clients.Checkout;
import dev.shopfleet.storefront.Clients.OrderView;
import dev.shopfleet.storefront.Clients.CartView;
import dev.shopfleet.storefront.Clients.Category;
import dev.shopfleet.storefront.Clients.Credentials;
import dev.shopfleet.storefront.Clients.Login;
import dev.shopfleet.storefront.Clients.Merge;
import dev.shopfleet.storefront.Clients.Product;
import dev.shopfleet.storefront.Clients.ProductPage;
import dev.shopfleet.storefront.Clients.Quantity;
import dev.shopfleet.storefront.Clients.Registration;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web shop, rendered on the server. Each page asks only the services it needs, and a page whose
 * optional service is down still renders, saying what is unavailable; only a dead catalog stops browsing.
 */
@Controller
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
public class ShopPages {
    private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,31}");
    private static final Pattern THEME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern EXPIRY = Pattern.compile("(0[1-9]|1[0-2])\\s*/\\s*([0-9]{2})");
    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-f-]{36}");
    private static final String PAYMENTS_UNAVAILABLE =
            "Payments are unavailable right now, so checkout is paused. Your cart is saved; please try again shortly.";
    private static final Map<String, String> OUTCOMES = Map.of(
            "CONFIRMED", "Thank you! Your order is confirmed.",
            "PAYMENT_DECLINED", "Your card was declined.",
            "REJECTED_OUT_OF_STOCK", "Sorry, some items sold out before we could reserve them.",
            "FAILED", "We could not complete your order.");
    private final Clients.Catalog catalog;
    private final Clients.Users users;
    private final Clients.Cart cart;
    private final Clients.Orders orders;
    private final String displayName;
    private final String theme;

    ShopPages(Clients.Catalog catalog, Clients.Users users, Clients.Cart cart, Clients.Orders orders,
              @Value("${shop.display-name}") String displayName, @Value("${shop.theme}") String theme) {
        this.catalog = catalog;
        this.users = users;
        this.cart = cart;
        this.orders = orders;
        this.displayName = displayName;
        this.theme = THEME.matcher(theme).matches() ? theme : "default";
    }

    @Get("/{?q,category,sort,page}")
    public MutableHttpResponse<?> home(HttpRequest<?> request, @Nullable @QueryValue String q, @Nullable @QueryValue String category,
                                       @Nullable @QueryValue String sort, @Nullable @QueryValue Integer page) {
        Shopper shopper = Shopper.of(request);
        Map<String, Object> model = model(shopper);
        String s = sort == null || !List.of("name", "price", "-price", "newest").contains(sort) ? "name" : sort;
        int p = page == null || page < 0 || page > 1000 ? 0 : page;
        Optional<ProductPage> products = call(() -> catalog.search(blankToNull(q), blankToNull(category), s, p, 12));
        if (products.isEmpty()) {
            return catalogDown(shopper, model);
        }
        model.put("products", products.get());
        model.put("categories", call(catalog::categories).orElse(List.<Category>of()));
        model.put("q", q == null ? "" : q);
        model.put("category", category == null ? "" : category);
        model.put("sort", s);
        return page(shopper, HttpStatus.OK, "home", model);
    }

    @Get("/products/{sku}")
    public MutableHttpResponse<?> product(HttpRequest<?> request, String sku) {
        Shopper shopper = Shopper.of(request);
        Map<String, Object> model = model(shopper);
        if (!SKU.matcher(sku).matches()) {
            return notFound(shopper, model);
        }
        Optional<Optional<Product>> product = call(() -> catalog.product(sku));
        if (product.isEmpty()) {
            return catalogDown(shopper, model);
        }
        if (product.get().isEmpty()) {
            return notFound(shopper, model);
        }
        model.put("product", product.get().get());
        return page(shopper, HttpStatus.OK, "product", model);
    }

    @Get("/cart")
    public MutableHttpResponse<?> cartPage(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        return page(shopper, HttpStatus.OK, "cart", model(shopper));
    }

    @Post(value = "/cart/add", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> add(HttpRequest<?> request, String sku, @Nullable Integer quantity) {
        Shopper shopper = Shopper.of(request);
        int q = quantity == null ? 1 : Math.max(1, Math.min(99, quantity));
        return cartChange(shopper, () -> cart.add(shopper.authorization(), shopper.anonymousHeader(), new AddLine(sku, q)));
    }

    @Post(value = "/cart/update", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> update(HttpRequest<?> request, String sku, int quantity) {
        Shopper shopper = Shopper.of(request);
        int q = Math.max(0, Math.min(99, quantity));
        return cartChange(shopper, () -> q == 0 ? cart.remove(shopper.authorization(), shopper.anonymousHeader(), sku)
                : cart.set(shopper.authorization(), shopper.anonymousHeader(), sku, new Quantity(q)));
    }

    @Get("/checkout")
    public MutableHttpResponse<?> checkout(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        if (!shopper.loggedIn()) {
            return HttpResponse.seeOther(URI.create("/login?checkout=1"));
        }
        return checkoutPage(shopper, HttpStatus.OK, null);
    }

    /** The form carries a fresh idempotency key: submitting twice (a double click, a reload) places one order. */
    @Post(value = "/checkout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> placeOrder(HttpRequest<?> request, String idempotencyKey, String cardNumber, String expiry,
                                             String cvc) {
        Shopper shopper = Shopper.of(request);
        if (!shopper.loggedIn()) {
            return HttpResponse.seeOther(URI.create("/login?checkout=1"));
        }
        Matcher mmyy = EXPIRY.matcher(expiry.trim());
        if (!mmyy.matches()) {
            return checkoutPage(shopper, HttpStatus.UNPROCESSABLE_ENTITY, "Enter the card's expiry as MM/YY.");
        }
        Card card = new Card(cardNumber.replaceAll("[^0-9]", ""), Integer.parseInt(mmyy.group(1)),
                2000 + Integer.parseInt(mmyy.group(2)), cvc.trim());
        OrderView order;
        try {
            order = orders.place(shopper.authorization(), idempotencyKey, new Checkout(card));
        } catch (HttpClientResponseException e) {
            return checkoutPage(shopper, e.code() < 500 ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.SERVICE_UNAVAILABLE,
                    e.code() < 500 ? detail(e) : PAYMENTS_UNAVAILABLE);
        } catch (RuntimeException e) {
            return checkoutPage(shopper, HttpStatus.SERVICE_UNAVAILABLE,
                    "We could not confirm your order in time. Please look at your orders before you try again.");
        }
        return switch (order.status()) {
            case "PAYMENT_DECLINED", "REJECTED_OUT_OF_STOCK", "FAILED" -> checkoutPage(shopper, HttpStatus.UNPROCESSABLE_ENTITY,
                    OUTCOMES.get(order.status()) + (order.reason() == null ? "" : " (" + order.reason() + ")")
                            + " Nothing was charged and your cart is unchanged.");
            default -> HttpResponse.seeOther(URI.create("/orders/" + order.id()));
        };
    }

    @Get("/orders")
    public MutableHttpResponse<?> orderHistory(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        if (!shopper.loggedIn()) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        Map<String, Object> model = model(shopper);
        Optional<List<OrderView>> history = call(() -> orders.history(shopper.authorization()));
        model.put("orders", history.orElse(List.of()));
        model.put("ordersUnavailable", history.isEmpty());
        return page(shopper, HttpStatus.OK, "orders", model);
    }

    @Get("/orders/{id}")
    public MutableHttpResponse<?> order(HttpRequest<?> request, String id) {
        Shopper shopper = Shopper.of(request);
        if (!shopper.loggedIn()) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        Map<String, Object> model = model(shopper);
        if (!UUID_FORMAT.matcher(id).matches()) {
            return notFound(shopper, model, "There is no such order.");
        }
        Optional<Optional<OrderView>> order = call(() -> orders.order(shopper.authorization(), id));
        if (order.isEmpty()) {
            model.put("title", "Orders are unavailable");
            model.put("message", "We can't show your order right now. It is safe: please try again in a moment.");
            return page(shopper, HttpStatus.SERVICE_UNAVAILABLE, "error", model);
        }
        if (order.get().isEmpty()) {
            return notFound(shopper, model, "There is no such order.");
        }
        model.put("order", order.get().get());
        model.put("outcome", OUTCOMES.getOrDefault(order.get().get().status(), "We are processing your order."));
        return page(shopper, HttpStatus.OK, "order", model);
    }

    @Get("/login")
    public MutableHttpResponse<?> loginPage(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        return page(shopper, HttpStatus.OK, "login", model(shopper));
    }

    @Get("/register")
    public MutableHttpResponse<?> registerPage(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        return page(shopper, HttpStatus.OK, "register", model(shopper));
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> login(HttpRequest<?> request, String email, String password) {
        Shopper shopper = Shopper.of(request);
        return logIn(shopper, email, password, "login");
    }

    @Post(value = "/register", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> register(HttpRequest<?> request, String name, String email, String password) {
        Shopper shopper = Shopper.of(request);
        try {
            users.register(new Registration(email, password, name));
        } catch (HttpClientResponseException e) {
            return formError(shopper, "register", e.code() < 500 ? detail(e) : "Accounts are unavailable right now; try again shortly.");
        } catch (RuntimeException e) {
            return formError(shopper, "register", "Accounts are unavailable right now; try again shortly.");
        }
        return logIn(shopper, email, password, "register");
    }

    @Post("/logout")
    public MutableHttpResponse<?> logout() {
        return HttpResponse.seeOther(URI.create("/")).cookie(Shopper.tokenCookie("", 0));
    }

    @Get(value = "/images/{sku}.svg", produces = "image/svg+xml")
    public HttpResponse<String> image(String sku) {
        int hue = Math.floorMod(sku.hashCode(), 360);
        String label = SKU.matcher(sku).matches() ? sku : "?";
        return HttpResponse.ok("<svg xmlns='http://www.w3.org/2000/svg' width='320' height='220' viewBox='0 0 320 220'>"
                + "<rect width='320' height='220' fill='hsl(" + hue + ",45%,82%)'/>"
                + "<circle cx='160' cy='100' r='52' fill='hsl(" + hue + ",45%,60%)'/>"
                + "<text x='160' y='195' font-family='sans-serif' font-size='16' text-anchor='middle' fill='#333'>" + label
                + "</text></svg>").header("Cache-Control", "max-age=86400");
    }

    private MutableHttpResponse<?> logIn(Shopper shopper, String email, String password, String form) {
        Login login;
        try {
            login = users.login(new Credentials(email, password));
        } catch (HttpClientResponseException e) {
            return formError(shopper, form, e.code() < 500 ? detail(e) : "Login is unavailable right now; try again shortly.");
        } catch (RuntimeException e) {
            return formError(shopper, form, "Login is unavailable right now; try again shortly.");
        }
        // The visitor's cart comes along; if cart is down the lines wait in the anonymous cart.
        call(() -> cart.merge("Bearer " + login.accessToken(), new Merge(shopper.anonymousCart())));
        return HttpResponse.seeOther(URI.create("/")).cookie(Shopper.tokenCookie(login.accessToken(), login.expiresIn()));
    }

    private MutableHttpResponse<?> cartChange(Shopper shopper, Supplier<CartView> change) {
        try {
            change.get();
            return withCartCookie(shopper, HttpResponse.seeOther(URI.create("/cart")));
        } catch (HttpClientResponseException e) {
            Map<String, Object> model = model(shopper);
            model.put("error", e.code() < 500 ? detail(e) : "The cart is unavailable right now; your change was not saved.");
            return page(shopper, e.code() < 500 ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.SERVICE_UNAVAILABLE, "cart", model);
        } catch (RuntimeException e) {
            Map<String, Object> model = model(shopper);
            model.put("error", "The cart is unavailable right now; your change was not saved.");
            return page(shopper, HttpStatus.SERVICE_UNAVAILABLE, "cart", model);
        }
    }

    /** What every page shows: the shop, the shopper, and their cart, or that the cart is unavailable. */
    private Map<String, Object> model(Shopper shopper) {
        Map<String, Object> model = new HashMap<>();
        model.put("shopName", displayName);
        model.put("theme", theme);
        model.put("shopperName", shopper.name());
        model.put("loggedIn", shopper.loggedIn());
        Optional<CartView> current = call(() -> cart.get(shopper.authorization(), shopper.anonymousHeader()));
        model.put("cart", current.orElse(null));
        model.put("cartUnavailable", current.isEmpty());
        return model;
    }

    private MutableHttpResponse<?> checkoutPage(Shopper shopper, HttpStatus status, @Nullable String error) {
        Map<String, Object> model = model(shopper);
        Availability availability = call(orders::availability).orElse(new Availability(false, null));
        model.put("checkoutAvailable", availability.available());
        model.put("idempotencyKey", UUID.randomUUID().toString());
        if (error != null) {
            model.put("error", error);
        } else if (!availability.available()) {
            model.put("error", PAYMENTS_UNAVAILABLE);
        }
        return page(shopper, status, "checkout", model);
    }

    private MutableHttpResponse<?> formError(Shopper shopper, String form, String message) {
        Map<String, Object> model = model(shopper);
        model.put("error", message);
        return page(shopper, HttpStatus.UNPROCESSABLE_ENTITY, form, model);
    }

    private MutableHttpResponse<?> catalogDown(Shopper shopper, Map<String, Object> model) {
        model.put("title", "The catalogue is unavailable");
        model.put("message", "We can't show products right now. Please try again in a moment.");
        return page(shopper, HttpStatus.SERVICE_UNAVAILABLE, "error", model);
    }

    private MutableHttpResponse<?> notFound(Shopper shopper, Map<String, Object> model) {
        return notFound(shopper, model, "There is no such product in this shop.");
    }

    private MutableHttpResponse<?> notFound(Shopper shopper, Map<String, Object> model, String message) {
        model.put("title", "Not found");
        model.put("message", message);
        return page(shopper, HttpStatus.NOT_FOUND, "error", model);
    }

    private static MutableHttpResponse<?> page(Shopper shopper, HttpStatus status, String view, Map<String, Object> model) {
        return withCartCookie(shopper, HttpResponse.status(status).body(new ModelAndView<>(view, model)));
    }

    private static MutableHttpResponse<?> withCartCookie(Shopper shopper, MutableHttpResponse<?> response) {
        return shopper.newVisitor() ? response.cookie(Shopper.cartCookie(shopper.anonymousCart())) : response;
    }

    /** Calls a service; empty if it failed or is unavailable (its breaker open), so the page can say so. */
    private static <T> Optional<T> call(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String detail(HttpClientResponseException e) {
        return e.getResponse().getBody(Map.class).map(b -> b.get("detail")).map(Object::toString).orElse(e.getMessage());
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
