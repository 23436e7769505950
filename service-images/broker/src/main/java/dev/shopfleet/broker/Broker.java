package dev.shopfleet.broker;

import com.sun.net.httpserver.HttpServer;
import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import net.sourceforge.argparse4j.inf.Namespace;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shop's broker: formats its log directory on the first start (a new cluster id, and the admin's SCRAM credentials,
 * which the broker needs before anything else can be set up), starts Kafka in KRaft mode, sets up users, topics and
 * ACLs ({@link BrokerAccess}) and only then reports ready on {@link ShopContract#READINESS_PATH}.
 */
public final class Broker implements AutoCloseable {
    static {
        // Kafka names Log4j's API for its dynamic log levels; without Log4j's core (the broker logs through Logback)
        // that API would complain about a missing provider on every start.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private final KafkaRaftServer server;
    private final HttpServer health;
    private final AtomicBoolean ready;

    private Broker(KafkaRaftServer server, HttpServer health, AtomicBoolean ready) {
        this.server = server;
        this.health = health;
        this.ready = ready;
    }

    public static void main(String[] args) throws Exception {
        Broker broker = start(BrokerSettings.from(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        broker.server.awaitShutdown();
    }

    public static Broker start(BrokerSettings settings) throws IOException, ExecutionException, InterruptedException {
        long started = System.nanoTime();
        AtomicBoolean ready = new AtomicBoolean();
        HttpServer health = health(settings.healthPort(), ready);
        Properties config = settings.serverConfig();
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(config, false);
        formatIfNew(settings, kafkaConfig);
        KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        Broker broker = new Broker(server, health, ready);
        try {
            server.startup();
            try (Admin admin = Admin.create(settings.adminClientConfig())) {
                new BrokerAccess(admin, settings).apply();
            }
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        ready.set(true);
        LOG.info("broker ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    /** The first start formats the log directory; a restart finds it formatted and keeps its data and users. */
    private static void formatIfNew(BrokerSettings settings, KafkaConfig config) throws IOException {
        Files.createDirectories(settings.dataDir());
        if (Files.exists(settings.dataDir().resolve("meta.properties"))) {
            return;
        }
        Namespace format = StorageTool.parseArguments(new String[]{"format", "--config", "(given)",
                "--cluster-id", Uuid.randomUuid().toString(),
                "--add-scram", BrokerContract.SASL_MECHANISM + "=[name=" + BrokerContract.ADMIN_USER + ",password="
                        + settings.adminPassword() + "]"});
        StorageTool.runFormatCommand(format, config, System.out);
    }

    /** Liveness: the process answers. Readiness: Kafka runs and its users, topics and ACLs are in place. */
    private static HttpServer health(int port, AtomicBoolean ready) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
        http.createContext(ShopContract.LIVENESS_PATH, exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.createContext(ShopContract.READINESS_PATH, exchange -> {
            exchange.sendResponseHeaders(ready.get() ? 200 : 503, -1);
            exchange.close();
        });
        http.start();
        return http;
    }

    /** The port the health server listens on (the tests ask for any free one). */
    public int healthPort() {
        return health.getAddress().getPort();
    }

    @Override
    public void close() {
        ready.set(false);
        server.shutdown();
        server.awaitShutdown();
        health.stop(0);
    }
}
