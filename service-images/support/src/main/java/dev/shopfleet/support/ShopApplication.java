package dev.shopfleet.support;

import dev.shopfleet.contract.ShopService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/** How every service starts: Micronaut, configured from the contract's environment variables. */
public final class ShopApplication {
    private ShopApplication() {
    }

    public static ApplicationContext run(Class<?> mainClass, ShopService self, String[] args) {
        return start(mainClass, self, System.getenv(), args);
    }

    public static ApplicationContext start(Class<?> mainClass, ShopService self, Map<String, String> env, String... args) {
        return Micronaut.build(args)
                .mainClass(mainClass)
                .banner(false)
                .properties(ShopEnvironment.properties(self, env))
                .singletons(ShopSettings.of(env), DatabasePassword.of(env))
                .start();
    }
}
