package dev.shopfleet.contract;

import java.util.List;
import java.util.Locale;

/**
 * How the operator runs a shop's broker image (service-images/broker) and how the shop's services reach it: the ports,
 * the one SASL mechanism, and every environment variable either side reads. Topics and who may use them are
 * {@link ShopTopic}'s.
 */
public final class BrokerContract {
    /** Where clients connect: SASL over plain TCP inside the cluster (the traffic policy admits only the shop's clients). */
    public static final int CLIENT_PORT = 9092;
    /** The broker's health, as the services': {@link ShopContract#LIVENESS_PATH}, {@link ShopContract#READINESS_PATH}. */
    public static final int HEALTH_PORT = ShopContract.HTTP_PORT;
    /** Every client authenticates with SCRAM (RFC 7804): the password never crosses the wire. */
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";
    /** The broker's own superuser: only the broker's pod has its password, and uses it to set up the others. */
    public static final String ADMIN_USER = "admin";

    /** The broker: where it keeps its log (a volume), the host clients are told to connect to, the admin's password. */
    public static final String ENV_DATA_DIR = "SHOP_BROKER_DATA_DIR";
    public static final String ENV_ADVERTISED_HOST = "SHOP_BROKER_ADVERTISED_HOST";
    public static final String ENV_ADMIN_PASSWORD = "SHOP_BROKER_ADMIN_PASSWORD";
    /** Each topic's partitions, and how long the broker keeps its events (hours). */
    public static final String ENV_PARTITIONS = "SHOP_BROKER_PARTITIONS";
    public static final String ENV_RETENTION_HOURS = "SHOP_BROKER_RETENTION_HOURS";

    /**
     * Only for running brokers beside services on one host (tests, benchmarks): the client, controller and loopback
     * ports, and the health port (the services' SHOP_HTTP_PORT). Pods always use the contract's ports.
     */
    public static final String ENV_CLIENT_PORT_OVERRIDE = "SHOP_BROKER_PORT";
    public static final String ENV_CONTROLLER_PORT_OVERRIDE = "SHOP_BROKER_CONTROLLER_PORT";
    public static final String ENV_LOCAL_PORT_OVERRIDE = "SHOP_BROKER_LOCAL_PORT";
    public static final String ENV_HEALTH_PORT_OVERRIDE = "SHOP_HTTP_PORT";

    /**
     * A client service: where the broker is (host:port), how to talk to it ({@link #SECURITY_PROTOCOLS}; the shop's own
     * broker: SASL_PLAINTEXT, the default) and its own credentials (on the shop's own broker its user name is its id).
     */
    public static final String ENV_BOOTSTRAP_SERVERS = "SHOP_BROKER_BOOTSTRAP_SERVERS";
    public static final String ENV_SECURITY_PROTOCOL = "SHOP_BROKER_SECURITY_PROTOCOL";
    public static final String ENV_USERNAME = "SHOP_BROKER_USERNAME";
    public static final String ENV_PASSWORD = "SHOP_BROKER_PASSWORD";
    /** SCRAM over plain TCP, or over TLS (checked against the JRE's trusted authorities). */
    public static final List<String> SECURITY_PROTOCOLS = List.of("SASL_PLAINTEXT", "SASL_SSL");

    /**
     * An external broker's Secret (spec.messaging.secretName): where it is, how to talk to it, and each client
     * service's user and password ({@link #usernameKey}, {@link #passwordKey}).
     */
    public static final String SECRET_BOOTSTRAP_SERVERS = "bootstrap-servers";
    public static final String SECRET_SECURITY_PROTOCOL = "security-protocol";

    /**
     * Every event's headers: its id (consumers keep it to take each event once), its type and its schema's version
     * ({@link OrderEventType}), so a consumer can pass over what it does not read without parsing it.
     */
    public static final String HEADER_EVENT_ID = "event-id";
    public static final String HEADER_EVENT_TYPE = "event-type";
    public static final String HEADER_EVENT_VERSION = "event-version";
    /** The W3C trace context of the request that caused the event, so its handling joins that trace. */
    public static final String HEADER_TRACEPARENT = "traceparent";

    private BrokerContract() {
    }

    /** The key of a client service's user name in an external broker's Secret: orders-username. */
    public static String usernameKey(ShopService client) {
        return client.id() + "-username";
    }

    /** The key of a client service's password in the broker's Secret, the shop's own or an external one: orders-password. */
    public static String passwordKey(ShopService client) {
        return client.id() + "-password";
    }

    /**
     * On the broker, the password of one client service (SHOP_BROKER_PASSWORD_ORDERS): a service whose variable is
     * set has a user, one whose variable is not has none.
     */
    public static String clientPasswordEnv(ShopService client) {
        return ENV_PASSWORD + "_" + client.name().toUpperCase(Locale.ROOT);
    }
}
