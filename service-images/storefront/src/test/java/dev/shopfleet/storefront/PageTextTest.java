package dev.shopfleet.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The templates' amounts and links, on generated input (a fixed seed, so a failure repeats). */
class PageTextTest {
    private static final Random RANDOM = new Random(20261130);

    @Test
    void anAmountReadsBackAsTheMinorUnitsItWasMadeOf() {
        for (int i = 0; i < 10_000; i++) {
            long minor = i < 200 ? i - 100 : RANDOM.nextLong() / 4;
            String shown = PageText.money(minor);
            assertThat(shown).as("%d", minor).matches("-?[0-9]+\\.[0-9]{2}");
            assertThat(new BigDecimal(shown).movePointRight(2).longValueExact()).as(shown).isEqualTo(minor);
        }
    }

    @Test
    void aHomeLinkCarriesExactlyTheTermsGivenWhateverTheirCharacters() {
        for (int i = 0; i < 2_000; i++) {
            String q = text();
            String category = text();
            Integer page = RANDOM.nextBoolean() ? RANDOM.nextInt(1000) : null;
            URI link = URI.create(PageText.home(q, category, "price", page));
            assertThat(link.getRawPath()).isEqualTo("/");
            Map<String, String> terms = new LinkedHashMap<>();
            if (link.getRawQuery() != null) {
                for (String pair : link.getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    terms.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            Map<String, String> expected = new LinkedHashMap<>();
            if (!q.isEmpty()) {
                expected.put("q", q);
            }
            if (!category.isEmpty()) {
                expected.put("category", category);
            }
            expected.put("sort", "price");
            if (page != null) {
                expected.put("page", page.toString());
            }
            assertThat(terms).as(link.toString()).isEqualTo(expected);
        }
    }

    /** Empty, ASCII with the URL's own delimiters, or any code points (surrogate pairs included). */
    private static String text() {
        int length = RANDOM.nextInt(4) == 0 ? 0 : RANDOM.nextInt(12);
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            int cp = RANDOM.nextBoolean() ? "&=?#%+ /abc".charAt(RANDOM.nextInt(11)) : RANDOM.nextInt(0x10FFFF);
            if (Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }
}
