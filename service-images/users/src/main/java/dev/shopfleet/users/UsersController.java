package dev.shopfleet.users;

import dev.shopfleet.support.ShopSettings;
import dev.shopfleet.users.Dtos.Accepted;
import dev.shopfleet.users.Dtos.Credentials;
import dev.shopfleet.users.Dtos.LoginResult;
import dev.shopfleet.users.Dtos.Profile;
import dev.shopfleet.users.Dtos.ProfileUpdate;
import dev.shopfleet.users.Dtos.Registration;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {
    private final UserService service;

    UsersController(UserService service) {
        this.service = service;
    }

    @Operation(summary = "Register a shopper: 202 whether or not the e-mail has an account already, so the answer "
            + "tells nobody which addresses are customers; then log in")
    @Post("/users")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<Accepted> register(@Valid @Body Registration registration) {
        service.register(registration);
        return HttpResponse.accepted().body(new Accepted(ShopSettings.normalizeEmail(registration.email())));
    }

    @Operation(summary = "Log in: a signed token (JWT) for the shop's other services")
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public LoginResult login(@Valid @Body Credentials credentials) {
        return service.login(credentials.email(), credentials.password());
    }

    @Operation(summary = "The logged-in shopper's profile")
    @Get("/users/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Profile me(Authentication auth) {
        return service.profile(auth.getName());
    }

    @Operation(summary = "Change the logged-in shopper's name")
    @Put("/users/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Profile rename(Authentication auth, @Valid @Body ProfileUpdate update) {
        return service.rename(auth.getName(), update.name());
    }
}
