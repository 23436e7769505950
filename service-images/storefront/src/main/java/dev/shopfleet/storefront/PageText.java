package dev.shopfleet.storefront;

import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/** How the templates write amounts, times and the home page's links (the template escapes what it prints). */
public final class PageText {
    private static final DateTimeFormatter DAY_AND_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private PageText() {
    }

    /** Minor units as a decimal amount with two places, the same in every locale: 1990 -> "19.90". */
    public static String money(long minor) {
        long abs = Math.abs(minor);
        return (minor < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }

    public static String money(long minor, @Nullable String currency) {
        return currency == null ? money(minor) : money(minor) + " " + currency;
    }

    public static String dayAndMinute(Instant at) {
        return DAY_AND_MINUTE.format(at);
    }

    public static String time(Instant at) {
        return TIME.format(at);
    }

    /** The home page with these search terms; empty ones are left out. */
    public static String home(@Nullable String q, @Nullable String category, @Nullable String sort, @Nullable Integer page) {
        StringJoiner query = new StringJoiner("&", "/?", "").setEmptyValue("/");
        add(query, "q", q);
        add(query, "category", category);
        add(query, "sort", sort);
        add(query, "page", page == null ? null : page.toString());
        return query.toString();
    }

    private static void add(StringJoiner query, String name, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
