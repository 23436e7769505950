package dev.shopfleet.testkit;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A shop's broker (service-images/broker) as a real process on loopback, started the way its image starts it, with a
 * user for every client service in the contract. It keeps its data directory across {@link #kill()} and
 * {@link #restart()}, as the pod keeps its volume. The module must have been built (target/classes and
 * target/runtime-classpath.txt).
 */
public final class BrokerProcess implements AutoCloseable {
    private static final String MAIN_CLASS = "dev.shopfleet.broker.Broker";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDir;
    private final Map<String, String> env;
    private final int clientPort;
    private final int healthPort;
    private final String adminPassword;
    private final Map<ShopService, String> clientPasswords;
    private Process process;
    private Path log;

    private BrokerProcess(Path dataDir, Map<String, String> env, int clientPort, int healthPort, String adminPassword,
                          Map<ShopService, String> clientPasswords) {
        this.dataDir = dataDir;
        this.env = env;
        this.clientPort = clientPort;
        this.healthPort = healthPort;
        this.adminPassword = adminPassword;
        this.clientPasswords = clientPasswords;
    }

    /** A new broker with a fresh data directory, ready (users, topics and ACLs in place) when this returns. */
    public static BrokerProcess start() {
        try {
            Path dataDir = Files.createTempDirectory("shopfleet-broker-");
            int clientPort = PostgresServer.freePort();
            int healthPort = PostgresServer.freePort();
            String adminPassword = password();
            Map<ShopService, String> clients = new EnumMap<>(ShopService.class);
            Map<String, String> env = new HashMap<>();
            env.put(BrokerContract.ENV_DATA_DIR, dataDir.toString());
            env.put(BrokerContract.ENV_ADVERTISED_HOST, "127.0.0.1");
            env.put(BrokerContract.ENV_ADMIN_PASSWORD, adminPassword);
            env.put(BrokerContract.ENV_CLIENT_PORT_OVERRIDE, Integer.toString(clientPort));
            env.put(BrokerContract.ENV_CONTROLLER_PORT_OVERRIDE, Integer.toString(PostgresServer.freePort()));
            env.put(BrokerContract.ENV_LOCAL_PORT_OVERRIDE, Integer.toString(PostgresServer.freePort()));
            env.put(BrokerContract.ENV_HEALTH_PORT_OVERRIDE, Integer.toString(healthPort));
            for (ShopService client : ShopTopic.clients()) {
                clients.put(client, password());
                env.put(BrokerContract.clientPasswordEnv(client), clients.get(client));
            }
            BrokerProcess broker = new BrokerProcess(dataDir, env, clientPort, healthPort, adminPassword, clients);
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        log = Files.createTempFile("shopfleet-broker-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath(), MAIN_CLASS));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SHOP_"));
        builder.environment().putAll(env);
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with " + process.exitValue() + ":\n" + ServiceProcess.tail(log));
            }
            if (ServiceProcess.status(healthPort, ShopContract.READINESS_PATH) == 200) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the broker was not ready after " + START_TIMEOUT.toSeconds() + "s:\n"
                + ServiceProcess.tail(log));
    }

    private static String classpath() throws IOException {
        Path module = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && module == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("service-images").resolve("broker");
            module = Files.isDirectory(candidate) ? candidate : null;
        }
        if (module == null || !Files.exists(module.resolve("target/runtime-classpath.txt"))) {
            throw new IllegalStateException("the broker is not built: ./mvnw -pl service-images/broker -am package -DskipTests");
        }
        return module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/runtime-classpath.txt")).trim();
    }

    private static String password() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** What a client service is given to reach the broker as itself (the operator sets the same from Secrets). */
    public Map<String, String> clientEnv(ShopService client) {
        String password = clientPasswords.get(client);
        if (password == null) {
            throw new IllegalArgumentException(client.id() + " is no client of the broker in the contract");
        }
        return Map.of(BrokerContract.ENV_BOOTSTRAP_SERVERS, bootstrapServers(), BrokerContract.ENV_USERNAME, client.id(),
                BrokerContract.ENV_PASSWORD, password);
    }

    /** A Kafka client's configuration as the broker's superuser (tests read and write any topic with it). */
    public Map<String, Object> adminClientConfig() {
        return clientConfig(BrokerContract.ADMIN_USER, adminPassword);
    }

    /** A Kafka client's configuration as one client service: what the contract lets that service do, and no more. */
    public Map<String, Object> clientConfig(ShopService client) {
        return clientConfig(client.id(), clientEnv(client).get(BrokerContract.ENV_PASSWORD));
    }

    private Map<String, Object> clientConfig(String username, String password) {
        return Map.of("bootstrap.servers", bootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", BrokerContract.SASL_MECHANISM,
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + username + "\" password=\"" + password + "\";");
    }

    /**
     * Reads a topic from its start as the broker's superuser until {@code enough} holds for the records read so far
     * (polling with a deadline), then for half a second more, so that what was still on its way is counted too.
     */
    public List<ConsumerRecord<String, String>> read(String topic, Predicate<List<ConsumerRecord<String, String>>> enough,
                                                     Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(adminClientConfig(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Poll.until("the records wanted on " + topic, timeout, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return enough.test(records);
            }, () -> records.size() + " records read");
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    /** A record's header as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + clientPort;
    }

    public boolean isReady() {
        return process.isAlive() && ServiceProcess.status(healthPort, ShopContract.READINESS_PATH) == 200;
    }

    /** Dies at once, as a crashed pod would; its data stays. */
    public void kill() {
        ServiceProcess.killNow(process);
    }

    /** Starts again on the same data, ports and users, as the pod's replacement would. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker is still running");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail() {
        return ServiceProcess.tail(log);
    }

    @Override
    public void close() {
        kill();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind harms nobody
        }
    }
}
