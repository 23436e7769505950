package dev.shopfleet.operator.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostClaimTest {
    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void theEarliestClaimHoldsTheHostAndTheOthersSeeIt() {
        var first = new HostClaim("ShopPlatform", "a", "tea", T);
        var second = new HostClaim("ShopPlatform", "b", "tea", T.plusSeconds(5));
        var foreign = new HostClaim("Ingress", "c", "legacy", T.plusSeconds(60));
        assertThat(HostClaim.heldAgainst(first, List.of(second, foreign))).isEmpty();
        assertThat(HostClaim.heldAgainst(second, List.of(first, foreign))).contains(first);
        assertThat(HostClaim.heldAgainst(foreign, List.of(first, second))).contains(first);
        assertThat(HostClaim.heldAgainst(second, List.of())).as("alone, it is its own").isEmpty();
    }

    /** Whatever order the caches list them in, every claimant agrees on one holder (ties broken by name). */
    @Test
    void everyClaimantAgreesOnTheSameHolder() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<HostClaim> claims = new ArrayList<>();
            int n = 2 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                claims.add(new HostClaim(random.nextBoolean() ? "ShopPlatform" : "Ingress", "ns" + random.nextInt(3),
                        "x" + i, T.plusSeconds(random.nextInt(3))));
            }
            Collections.shuffle(claims, random);
            long holders = claims.stream().filter(c -> HostClaim.heldAgainst(c, others(claims, c)).isEmpty()).count();
            assertThat(holders).as("exactly one holder among %s", claims).isEqualTo(1);
            HostClaim holder = claims.stream().filter(c -> HostClaim.heldAgainst(c, others(claims, c)).isEmpty()).findFirst().orElseThrow();
            claims.stream().filter(c -> c != holder)
                    .forEach(c -> assertThat(HostClaim.heldAgainst(c, others(claims, c))).contains(holder));
        }
    }

    private static List<HostClaim> others(List<HostClaim> all, HostClaim self) {
        return all.stream().filter(c -> c != self).toList();
    }
}
