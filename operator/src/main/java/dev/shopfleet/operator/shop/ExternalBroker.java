package dev.shopfleet.operator.shop;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopService;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What admission cannot check of an external broker (spec.messaging.mode external): that its Secret exists, says where
 * the broker is (host:port,...) and how to talk to it, and names each enabled client service's user and password.
 * What is wrong becomes the shop's Degraded condition; messages name keys, never values.
 *
 * @param problem what is wrong with the Secret, if anything
 * @param ports the ports of its bootstrap servers: what the client services' egress opens
 */
public record ExternalBroker(Optional<ServiceProblem> problem, Set<Integer> ports) {
    public static final String INVALID = "ExternalBrokerInvalid";
    private static final ExternalBroker NONE = new ExternalBroker(Optional.empty(), Set.of());

    public ExternalBroker {
        ports = Set.copyOf(ports);
    }

    /** The shop's external broker as its Secret describes it; none for a shop that uses no external broker. */
    public static ExternalBroker of(Shop shop, Function<String, Secret> secrets) {
        if (!shop.usesExternalBroker()) {
            return NONE;
        }
        String name = shop.messaging().getSecretName();
        Secret secret = secrets.apply(name);
        if (secret == null) {
            return invalid("Secret " + name + " not found");
        }
        List<String> required = new ArrayList<>(List.of(BrokerContract.SECRET_BOOTSTRAP_SERVERS,
                BrokerContract.SECRET_SECURITY_PROTOCOL));
        for (ShopService client : shop.brokerClients()) {
            required.add(BrokerContract.usernameKey(client));
            required.add(BrokerContract.passwordKey(client));
        }
        List<String> missing = SecretValues.missing(secret, required);
        if (!missing.isEmpty()) {
            return invalid("Secret " + name + " lacks " + String.join(", ", missing));
        }
        String protocol = SecretValues.text(secret, BrokerContract.SECRET_SECURITY_PROTOCOL);
        if (!BrokerContract.SECURITY_PROTOCOLS.contains(protocol)) {
            return invalid("Secret " + name + ": " + BrokerContract.SECRET_SECURITY_PROTOCOL + " is not one of "
                    + String.join(", ", BrokerContract.SECURITY_PROTOCOLS));
        }
        Optional<Set<Integer>> ports = ports(SecretValues.text(secret, BrokerContract.SECRET_BOOTSTRAP_SERVERS));
        return ports.map(p -> new ExternalBroker(Optional.empty(), p)).orElseGet(() -> invalid("Secret " + name + ": "
                + BrokerContract.SECRET_BOOTSTRAP_SERVERS + " is not a list of host:port (ports 1 to 65535)"));
    }

    /** The ports of "host:port,host:port" (a host may be an IPv6 address in brackets); empty if it is not such a list. */
    static Optional<Set<Integer>> ports(String bootstrapServers) {
        Set<Integer> ports = new TreeSet<>();
        for (String server : bootstrapServers.split(",", -1)) {
            String trimmed = server.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || !SecretValues.isPort(trimmed.substring(colon + 1))) {
                return Optional.empty();
            }
            ports.add(Integer.parseInt(trimmed.substring(colon + 1)));
        }
        return Optional.of(ports);
    }

    private static ExternalBroker invalid(String message) {
        return new ExternalBroker(Optional.of(new ServiceProblem(INVALID, message)), Set.of());
    }
}
