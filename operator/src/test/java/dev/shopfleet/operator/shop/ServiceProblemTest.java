package dev.shopfleet.operator.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseSpec;
import dev.shopfleet.operator.api.ShopPlatform;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A database's volume is checked against the cluster's StorageClasses before anything waits for it. */
class ServiceProblemTest {
    private static Capabilities classes(Set<String> names, Optional<String> defaultClass) {
        return new Capabilities(false, false, Optional.empty(), Optional.empty(),
                Optional.of(new Capabilities.StorageClasses(names, defaultClass)), false);
    }

    private static void cartStorageClass(ShopPlatform resource, String storageClass) {
        DatabaseSpec database = new DatabaseSpec();
        database.getStorage().setStorageClassName(storageClass);
        resource.getSpec().getServices().getCart().setDatabase(database);
    }

    @Test
    void aClassThatDoesNotExistIsNamedForItsServiceOnly() {
        Shop shop = TestShops.shop(r -> cartStorageClass(r, "fast"),
                classes(Set.of("local-path"), Optional.of("local-path")));
        var problems = ServiceProblem.storage(shop);
        assertThat(problems).containsOnlyKeys(ShopService.CART);
        assertThat(problems.get(ShopService.CART).reason()).isEqualTo(ServiceProblem.STORAGE_CLASS_NOT_FOUND);
        assertThat(problems.get(ShopService.CART).message()).contains("StorageClass fast does not exist");
    }

    @Test
    void withoutADefaultClassEveryDatabaseThatNamesNoneIsAProblem() {
        Shop shop = TestShops.shop(r -> cartStorageClass(r, "fast"),
                classes(Set.of("fast"), Optional.empty()));
        assertThat(ServiceProblem.storage(shop)).hasSize(6).doesNotContainKey(ShopService.CART)
                .allSatisfy((service, p) -> assertThat(p.message()).contains("spec.services." + service.id() + ".database.storage"));
    }

    @Test
    void classesNotLookedAtAreNotHeldAgainstAShop() {
        assertThat(ServiceProblem.storage(TestShops.shop())).isEmpty();
    }
}
