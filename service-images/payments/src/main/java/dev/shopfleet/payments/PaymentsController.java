package dev.shopfleet.payments;

import dev.shopfleet.payments.Dtos.AuthorizeRequest;
import dev.shopfleet.payments.Dtos.CardDetails;
import dev.shopfleet.payments.Dtos.PaymentMethodView;
import dev.shopfleet.payments.Dtos.PaymentView;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * For the shop's own services (orders): the storefront's gateway does not route here, and the mesh policies
 * admit only orders. A declined card is an outcome (status DECLINED), not an error.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class PaymentsController {
    private final PaymentService payments;

    PaymentsController(PaymentService payments) {
        this.payments = payments;
    }

    @Operation(summary = "Hand a card to the processor; returns a token to pay with (the card number is not kept)")
    @Post("/payment-methods")
    public HttpResponse<PaymentMethodView> tokenize(@Valid @Body CardDetails card) {
        return HttpResponse.created(payments.tokenize(card));
    }

    @Operation(summary = "Authorize an order's payment; idempotent by order id")
    @Post("/payments")
    public PaymentView authorize(@Valid @Body AuthorizeRequest request) {
        return payments.authorize(request);
    }

    @Get("/payments/{orderId}")
    public PaymentView payment(@Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        return payments.view(payments.find(orderId));
    }

    @Operation(summary = "Capture an authorized payment")
    @Post("/payments/{orderId}/capture")
    public PaymentView capture(@Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        return payments.capture(orderId);
    }

    @Operation(summary = "Cancel an order's payment: void it, refund it, or refuse it if it has not come yet")
    @Post("/payments/{orderId}/cancel")
    public PaymentView cancel(@Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        return payments.cancel(orderId);
    }
}
