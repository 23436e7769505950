package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.testkit.BrokerProcess;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.SmtpServer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole shop on loopback: the eight services as processes, each with its own database on one real
 * PostgreSQL, the shop's broker (unless it runs without one, {@link Events#HTTP}), wired by the contract's variables as
 * the operator wires pods, and notifications sending to a real SMTP server. Retry backoffs are short so that "comes
 * back" shows within a test's patience.
 */
public final class LocalShop implements AutoCloseable {
    /** Every service, each started after the services it calls. */
    public static final List<ShopService> SERVICES = ShopService.calleesFirst();
    /** Quicker retries than a pod's; every shopper of a journey or benchmark signs in from the one loopback address. */
    private static final Map<String, String> TEST_SETTINGS = Map.of(
            "NOTIFICATIONS_MAX_BACKOFF", "2s", "ORDERS_OUTBOX_MAX_BACKOFF", "2s", "ORDERS_SAGA_LEASE", "5s",
            "ORDERS_SAGA_RETRY", "2s", "PAYMENTS_SIMULATOR_HANG", "5s", "STOREFRONT_SIGN_IN_PER_MINUTE", "100000");
    private final SmtpServer smtp = new SmtpServer();
    private final Map<ShopService, PostgresServer.Database> databases = new EnumMap<>(ShopService.class);
    private final Map<ShopService, ServiceProcess> running = new EnumMap<>(ShopService.class);
    private final Map<ShopService, Map<String, String>> envs = new EnumMap<>(ShopService.class);
    private final ServiceProcess.Launcher launcher;
    private final BrokerProcess broker;

    /** How orders' events reach notifications: through the shop's broker (the operator's default), or over HTTP. */
    public enum Events {
        BROKER,
        HTTP
    }

    private LocalShop(ServiceProcess.Launcher launcher, BrokerProcess broker) {
        this.launcher = launcher;
        this.broker = broker;
    }

    public static LocalShop start(String name, String displayName) {
        return start(name, displayName, Map.of());
    }

    /** The same, with {@code everyService} set for every service as well (what the operator would set for all of them). */
    public static LocalShop start(String name, String displayName, Map<String, String> everyService) {
        return start(name, displayName, everyService, ServiceProcess.Launcher.BUILD);
    }

    /** The same, every service's JVM started by {@code launcher}. */
    public static LocalShop start(String name, String displayName, Map<String, String> everyService,
                                  ServiceProcess.Launcher launcher) {
        return start(name, displayName, everyService, launcher, Events.BROKER);
    }

    /** The same, with orders' events sent the given way. */
    public static LocalShop start(String name, String displayName, Map<String, String> everyService,
                                  ServiceProcess.Launcher launcher, Events events) {
        LocalShop shop = new LocalShop(launcher, events == Events.BROKER ? BrokerProcess.start() : null);
        PostgresServer pg = PostgresServer.shared();
        Map<ShopService, String> urls = new EnumMap<>(ShopService.class);
        for (ShopService s : SERVICES) {
            Map<String, String> env = new HashMap<>();
            env.put(ShopContract.ENV_SHOP_NAME, name);
            env.put(ShopContract.ENV_SHOP_DISPLAY_NAME, displayName);
            env.put(ShopContract.ENV_SHOP_THEME, "ocean");
            env.putAll(TEST_SETTINGS);
            env.putAll(everyService);
            env.put(ShopContract.ENV_ADMIN_EMAILS, ShopApi.ADMIN_EMAIL);
            env.put(ShopContract.ENV_ADMIN_INVITATION, ShopApi.ADMIN_INVITATION);
            if (s.ownsDatabase()) {
                PostgresServer.Database db = pg.createDatabase(name + "_" + s.id());
                shop.databases.put(s, db);
                env.putAll(db.env());
            }
            if (s.sendsMail()) {
                env.putAll(shop.smtp.env());
            }
            if (shop.broker != null && ShopTopic.clients().contains(s)) {
                env.putAll(shop.broker.clientEnv(s));
            }
            for (ShopService callee : s.calls()) {
                if (urls.containsKey(callee)) {
                    env.put(ShopContract.urlVariable(callee), urls.get(callee));
                }
            }
            shop.envs.put(s, env);
            ServiceProcess process = ServiceProcess.start(s, env, PostgresServer.freePort(), launcher);
            shop.running.put(s, process);
            urls.put(s, process.url());
        }
        return shop;
    }

    public ServiceProcess get(ShopService service) {
        return running.get(service);
    }

    public PostgresServer.Database database(ShopService service) {
        return databases.get(service);
    }

    public SmtpServer smtp() {
        return smtp;
    }

    /** The shop's broker; fails for a shop that runs without one. */
    public BrokerProcess broker() {
        if (broker == null) {
            throw new IllegalStateException("this shop runs without a broker (Events.HTTP)");
        }
        return broker;
    }

    public String storefrontUrl() {
        return running.get(ShopService.STOREFRONT).url();
    }

    /** Starts a killed service again, on its old port (as a pod comes back behind its Service). */
    public ServiceProcess restart(ShopService service) {
        ServiceProcess old = running.get(service);
        old.close();
        ServiceProcess again = ServiceProcess.start(service, envs.get(service), old.port(), launcher);
        running.put(service, again);
        return again;
    }

    public List<ServiceProcess> all() {
        return new ArrayList<>(running.values());
    }

    @Override
    public void close() {
        // The mail server first: a service stopped in the middle of a mail would otherwise reset a connection that
        // GreenMail's handler thread still reads, and it throws (exec:java fails a benchmark on any thread's exception).
        smtp.close();
        running.values().forEach(ServiceProcess::close);
        if (broker != null) {
            broker.close();
        }
    }
}
