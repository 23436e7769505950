package dev.shopfleet.storefront;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shop's styles, served from the storefront itself: the pages' Content-Security-Policy allows no inline style. */
@WebPages
public class StyleSheet {
    private final String css;

    StyleSheet() {
        try (InputStream in = StyleSheet.class.getResourceAsStream("/assets/shop.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(value = "/assets/shop.css", produces = "text/css")
    public HttpResponse<String> styles() {
        return HttpResponse.ok(css).header("Cache-Control", "max-age=3600");
    }
}
