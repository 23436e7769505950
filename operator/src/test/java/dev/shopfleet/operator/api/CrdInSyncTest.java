package dev.shopfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crds/ is what the Java model generates: a changed API without a rebuilt CRD fails here. */
class CrdInSyncTest {
    static final Path COMMITTED = Path.of("..", "crds", "shopplatforms.shopfleet.dev-v1.yml");

    @Test
    void theCommittedCrdMatchesTheModel(@TempDir Path out) throws IOException {
        new CRDGenerator().inOutputDir(out.toFile()).forCRDVersions("v1").customResourceClasses(ShopPlatform.class)
                .generate();
        String generated = Files.readString(out.resolve(COMMITTED.getFileName()));
        assertThat(Files.readString(COMMITTED))
                .as("crds/ is stale: regenerate it (./mvnw -pl operator -am package -DskipTests) and commit crds/")
                .isEqualTo(generated);
    }
}
