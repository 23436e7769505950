package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a shop has done so far: HTTP requests its services served, and commits in its databases. */
record Cost(double requests, double commits) {
    private static final Pattern SERVED = Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*} ([0-9.E]+)$");

    static Cost of(LocalShop shop, String shopName) {
        double requests = 0;
        for (ShopService s : LocalShop.SERVICES) {
            Matcher m = SERVED.matcher(shop.get(s).http().get("/prometheus").body());
            while (m.find()) {
                requests += Double.parseDouble(m.group(1));
            }
        }
        String commits = shop.database(ShopService.ORDERS).value(
                "select sum(xact_commit) from pg_stat_database where datname like ?", shopName + "\\_%");
        return new Cost(requests, Double.parseDouble(commits));
    }

    Cost minus(Cost earlier) {
        return new Cost(requests - earlier.requests, commits - earlier.commits);
    }
}
