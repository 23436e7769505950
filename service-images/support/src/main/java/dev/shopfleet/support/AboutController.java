package dev.shopfleet.support;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;

/** Which service and shop this is. No I/O at all: also the benchmark's bare-Micronaut ceiling. */
@Controller("/about")
@Secured(SecurityRule.IS_ANONYMOUS)
public class AboutController {
    private final About about;

    AboutController(@Value("${shop.service}") String service, @Value("${shop.name}") String shop) {
        this.about = new About(service, shop);
    }

    @Operation(summary = "Which service and shop this is")
    @Get
    public About about() {
        return about;
    }

    @Serdeable
    public record About(String service, String shop) {
    }
}
