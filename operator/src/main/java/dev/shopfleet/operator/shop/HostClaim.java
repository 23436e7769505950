package dev.shopfleet.operator.shop;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Something that asks for a host: a ShopPlatform's route, or an Ingress the operator does not own. A host belongs to
 * one of them, the earliest (by creation; then by kind, namespace and name, so every shop agrees on the same
 * answer); the others get no route for it.
 */
public record HostClaim(String kind, String namespace, String name, Instant since) {
    private static final Comparator<HostClaim> FIRST = Comparator.comparing(HostClaim::since)
            .thenComparing(HostClaim::kind).thenComparing(HostClaim::namespace).thenComparing(HostClaim::name);

    /** The claim that holds the host instead of {@code self}, if {@code self} is not the first. */
    public static Optional<HostClaim> heldAgainst(HostClaim self, Collection<HostClaim> others) {
        HostClaim first = Stream.concat(Stream.of(self), others.stream()).min(FIRST).orElseThrow();
        return first.equals(self) ? Optional.empty() : Optional.of(first);
    }

    public String describe() {
        return kind + " " + namespace + "/" + name;
    }
}
