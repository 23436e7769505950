package dev.shopfleet.broker;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What one shop's broker is told by the operator (BrokerContract's environment variables), and the Kafka configuration
 * made of it: one KRaft node that is broker and controller, clients on SASL/SCRAM, the controller on loopback only,
 * nothing allowed that an ACL does not allow, and no topic created by accident.
 *
 * @param clientPasswords per client service that has a user, its password
 */
public record BrokerSettings(Path dataDir, String advertisedHost, int clientPort, int controllerPort, int localPort,
                             int healthPort, String adminPassword, Map<ShopService, String> clientPasswords, int partitions,
                             Duration retention) {
    /** Passwords go into Kafka's own configuration syntax (JAAS, --add-scram): letters, digits, '-' and '_' only. */
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final int CONTROLLER_PORT = 9093;
    private static final int LOCAL_PORT = 9094;
    private static final String CLIENT_LISTENER = "SASL_PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /**
     * The broker's own listener on loopback, for itself and its admin client: a client is told the addresses of the
     * listener it came in on, and the client listener's (the Service) has no address before the broker is ready.
     */
    private static final String LOCAL_LISTENER = "LOCAL";

    public BrokerSettings {
        clientPasswords = Map.copyOf(clientPasswords);
        require(PASSWORD.matcher(adminPassword).matches(), BrokerContract.ENV_ADMIN_PASSWORD + " must be 16-128 "
                + "letters, digits, '-' or '_'");
        clientPasswords.forEach((client, password) -> require(PASSWORD.matcher(password).matches(),
                BrokerContract.clientPasswordEnv(client) + " must be 16-128 letters, digits, '-' or '_'"));
        require(partitions >= 1 && partitions <= 64, BrokerContract.ENV_PARTITIONS + " must be 1-64");
        require(!retention.isNegative() && !retention.isZero(), BrokerContract.ENV_RETENTION_HOURS + " must be positive");
    }

    /** From the environment the operator sets; what it leaves out has a small shop's default. */
    public static BrokerSettings from(Map<String, String> env) {
        Map<ShopService, String> clients = new EnumMap<>(ShopService.class);
        for (ShopService client : ShopTopic.clients()) {
            String password = env.get(BrokerContract.clientPasswordEnv(client));
            if (password != null && !password.isEmpty()) {
                clients.put(client, password);
            }
        }
        String admin = env.get(BrokerContract.ENV_ADMIN_PASSWORD);
        require(admin != null, BrokerContract.ENV_ADMIN_PASSWORD + " is not set");
        return new BrokerSettings(Path.of(env.getOrDefault(BrokerContract.ENV_DATA_DIR, "/var/lib/broker/data")),
                env.getOrDefault(BrokerContract.ENV_ADVERTISED_HOST, "localhost"),
                number(env, BrokerContract.ENV_CLIENT_PORT_OVERRIDE, BrokerContract.CLIENT_PORT),
                number(env, BrokerContract.ENV_CONTROLLER_PORT_OVERRIDE, CONTROLLER_PORT),
                number(env, BrokerContract.ENV_LOCAL_PORT_OVERRIDE, LOCAL_PORT),
                number(env, BrokerContract.ENV_HEALTH_PORT_OVERRIDE, BrokerContract.HEALTH_PORT), admin, clients,
                number(env, BrokerContract.ENV_PARTITIONS, 3), Duration.ofHours(number(env, BrokerContract.ENV_RETENTION_HOURS, 168)));
    }

    private static int number(Map<String, String> env, String name, int otherwise) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The server's configuration (never written to disk: it holds the admin's password). */
    Properties serverConfig() {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", CLIENT_LISTENER + "://:" + clientPort + "," + LOCAL_LISTENER + "://127.0.0.1:" + localPort
                + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", CLIENT_LISTENER + "://" + advertisedHost + ":" + clientPort + "," + LOCAL_LISTENER
                + "://127.0.0.1:" + localPort);
        config.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT," + LOCAL_LISTENER + ":SASL_PLAINTEXT,"
                + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", LOCAL_LISTENER);
        // Clients and the broker itself on SCRAM; the controller (loopback, this process only) on PLAIN, since SCRAM's
        // credentials live in the metadata the controller serves.
        config.put("sasl.enabled.mechanisms", BrokerContract.SASL_MECHANISM);
        config.put("sasl.mechanism.inter.broker.protocol", BrokerContract.SASL_MECHANISM);
        String adminLogin = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + BrokerContract.ADMIN_USER + "\" password=\"" + adminPassword + "\";";
        config.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", adminLogin);
        config.put("listener.name.local.scram-sha-512.sasl.jaas.config", adminLogin);
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BrokerContract.ADMIN_USER
                        + "\" password=\"" + adminPassword + "\" user_" + BrokerContract.ADMIN_USER + "=\"" + adminPassword + "\";");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", "User:" + BrokerContract.ADMIN_USER);
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("auto.create.topics.enable", "false");
        config.put("log.dirs", dataDir.toString());
        config.put("num.partitions", Integer.toString(partitions));
        // One node: every internal topic has one replica, and a consumer group starts at once.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /** How the broker's own admin client connects: to its loopback listener, which answers before the broker is ready. */
    Properties adminClientConfig() {
        return clientConfig("127.0.0.1:" + localPort, BrokerContract.ADMIN_USER, adminPassword);
    }

    /** A client's SASL/SCRAM configuration: what the services set from BrokerContract's variables, and the tests. */
    public static Properties clientConfig(String bootstrapServers, String username, String password) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", BrokerContract.SASL_MECHANISM);
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + username + "\" password=\"" + password + "\";");
        return config;
    }
}
