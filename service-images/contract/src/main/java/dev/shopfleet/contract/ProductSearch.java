package dev.shopfleet.contract;

import java.util.Optional;

/** What a product search may contain: catalog refuses more, and the storefront says so before asking. */
public final class ProductSearch {
    public static final int MAX_TEXT_LENGTH = 100;
    public static final int MAX_CATEGORY_LENGTH = 40;

    private ProductSearch() {
    }

    /** Why a search cannot be asked, for the shopper; empty if it can. */
    public static Optional<String> problem(String text, String category) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            return Optional.of("Search for at most " + MAX_TEXT_LENGTH + " characters.");
        }
        if (category != null && category.length() > MAX_CATEGORY_LENGTH) {
            return Optional.of("There is no such category.");
        }
        if (hasControlCharacters(text) || hasControlCharacters(category)) {
            return Optional.of("Search for letters, digits and punctuation only.");
        }
        return Optional.empty();
    }

    private static boolean hasControlCharacters(String s) {
        return s != null && s.chars().anyMatch(Character::isISOControl);
    }
}
