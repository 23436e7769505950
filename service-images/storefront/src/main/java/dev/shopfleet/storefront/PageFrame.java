package dev.shopfleet.storefront;

import dev.shopfleet.storefront.Clients.CartView;
import io.micronaut.core.annotation.Nullable;

/**
 * What every page shows around its content (the {@code layout} template): the shop, the shopper, and their cart,
 * or that the cart is unavailable. A visitor who never put anything in a cart has none ({@code cart} null).
 */
public record PageFrame(String shopName, String theme, @Nullable String shopperName, boolean loggedIn, String formToken,
                        @Nullable CartView cart, boolean cartUnavailable) {
}
