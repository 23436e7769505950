package dev.shopfleet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A service is its enum entry plus its module: every service module (one with an application.yml, which is what
 * makes it an image) is a {@link ShopService}, and every {@link ShopService} has its module.
 */
class ServiceModulesTest {
    private static final Path SERVICE_IMAGES = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyServiceModuleIsAShopServiceAndTheReverse() throws IOException {
        try (Stream<Path> modules = Files.list(SERVICE_IMAGES)) {
            var moduleIds = modules
                    .filter(dir -> Files.exists(dir.resolve("src/main/resources/application.yml")))
                    .map(dir -> dir.getFileName().toString())
                    .toList();
            assertThat(moduleIds).as("service modules under %s", SERVICE_IMAGES)
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(ShopService.values()).map(ShopService::id).toList());
        }
    }

    @Test
    void eachServiceModuleIsInTheReactorAndNamesItself() throws IOException {
        String reactor = Files.readString(SERVICE_IMAGES.resolve("pom.xml"));
        for (ShopService service : ShopService.values()) {
            assertThat(reactor).as("service-images/pom.xml lists %s", service.id()).contains("<module>" + service.id() + "</module>");
            String pom = Files.readString(SERVICE_IMAGES.resolve(service.id()).resolve("pom.xml"));
            assertThat(pom).as("%s/pom.xml names its image", service.id())
                    .contains("<shopfleet.service>" + service.id() + "</shopfleet.service>");
        }
    }
}
