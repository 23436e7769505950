package dev.shopfleet.storefront;

import dev.shopfleet.storefront.Clients.Credentials;
import dev.shopfleet.storefront.Clients.Login;
import dev.shopfleet.storefront.Clients.Merge;
import dev.shopfleet.storefront.Clients.Registration;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;

/** Logging in and out, and registering: the token users signs is kept in an HttpOnly cookie. */
@WebPages
public class AccountPages {
    private static final String ACCOUNTS_DOWN = "Accounts are unavailable right now; try again shortly.";
    private static final String LOGIN_DOWN = "Login is unavailable right now; try again shortly.";
    private final Pages pages;
    private final Clients.Users users;
    private final Clients.Cart cart;

    AccountPages(Pages pages, Clients.Users users, Clients.Cart cart) {
        this.pages = pages;
        this.users = users;
        this.cart = cart;
    }

    @Get("/login")
    public MutableHttpResponse<?> loginPage(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        return pages.page(shopper, HttpStatus.OK, "login", pages.model(shopper));
    }

    @Get("/register")
    public MutableHttpResponse<?> registerPage(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        return pages.page(shopper, HttpStatus.OK, "register", pages.model(shopper));
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> login(HttpRequest<?> request, String email, String password) {
        return logIn(Shopper.of(request), email, password, "login");
    }

    @Post(value = "/register", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> register(HttpRequest<?> request, String name, String email, String password) {
        Shopper shopper = Shopper.of(request);
        try {
            users.register(new Registration(email, password, name, null));
        } catch (HttpClientResponseException e) {
            return pages.formError(shopper, "register", e.code() < 500 ? Pages.detail(e) : ACCOUNTS_DOWN);
        } catch (RuntimeException e) {
            return pages.formError(shopper, "register", ACCOUNTS_DOWN);
        }
        return logIn(shopper, email, password, "register");
    }

    @Post("/logout")
    public MutableHttpResponse<?> logout(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create("/")).cookie(Shopper.of(request).tokenCookie("", 0));
    }

    private MutableHttpResponse<?> logIn(Shopper shopper, String email, String password, String form) {
        Login login;
        try {
            login = users.login(new Credentials(email, password));
        } catch (HttpClientResponseException e) {
            return pages.formError(shopper, form, e.code() < 500 ? Pages.detail(e) : LOGIN_DOWN);
        } catch (RuntimeException e) {
            return pages.formError(shopper, form, LOGIN_DOWN);
        }
        // The visitor's cart comes along; if cart is down the lines wait in the anonymous cart.
        if (shopper.hasCart()) {
            Pages.call(() -> cart.merge("Bearer " + login.accessToken(), new Merge(shopper.anonymousCart())));
        }
        return HttpResponse.seeOther(URI.create("/")).cookie(shopper.tokenCookie(login.accessToken(), login.expiresIn()));
    }
}
