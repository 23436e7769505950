package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The browsing half of a shop on loopback: catalog, inventory, users, cart and storefront as processes, each
 * with its own database on one real PostgreSQL, wired by the contract's variables as the operator wires pods.
 */
public final class LocalShop implements AutoCloseable {
    public static final List<ShopService> SERVICES = List.of(ShopService.USERS, ShopService.CATALOG, ShopService.INVENTORY,
            ShopService.CART, ShopService.STOREFRONT);
    private final Map<ShopService, ServiceProcess> running = new EnumMap<>(ShopService.class);
    private final Map<ShopService, Map<String, String>> envs = new EnumMap<>(ShopService.class);

    public static LocalShop start(String name, String displayName) {
        LocalShop shop = new LocalShop();
        PostgresServer pg = PostgresServer.shared();
        Map<ShopService, String> urls = new EnumMap<>(ShopService.class);
        for (ShopService s : SERVICES) { // in call-graph order: callees first
            Map<String, String> env = new HashMap<>();
            env.put(ShopContract.ENV_SHOP_NAME, name);
            env.put(ShopContract.ENV_SHOP_DISPLAY_NAME, displayName);
            env.put(ShopContract.ENV_SHOP_THEME, "ocean");
            if (s.ownsDatabase()) {
                env.putAll(pg.createDatabase(name + "_" + s.id()).env());
            }
            for (ShopService callee : s.calls()) {
                if (urls.containsKey(callee)) {
                    env.put(ShopContract.urlVariable(callee), urls.get(callee));
                }
            }
            shop.envs.put(s, env);
            ServiceProcess process = ServiceProcess.start(s, env);
            shop.running.put(s, process);
            urls.put(s, process.url());
        }
        return shop;
    }

    public ServiceProcess get(ShopService service) {
        return running.get(service);
    }

    public String storefrontUrl() {
        return running.get(ShopService.STOREFRONT).url();
    }

    /** Starts a killed service again, on its old port (as a pod comes back behind its Service). */
    public ServiceProcess restart(ShopService service) {
        ServiceProcess old = running.get(service);
        old.close();
        ServiceProcess again = ServiceProcess.start(service, envs.get(service), old.port());
        running.put(service, again);
        return again;
    }

    public List<ServiceProcess> all() {
        return new ArrayList<>(running.values());
    }

    @Override
    public void close() {
        running.values().forEach(ServiceProcess::close);
    }
}
