package dev.shopfleet.e2e;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.e2e.cluster.EchoServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Images the tests build with Jib and push to the cluster's registry. */
public final class TestImages {
    /** Where the stand-in shop images live: {@code <this>/<service>:v1} and {@code :v2}. */
    public static final String STAND_IN_REGISTRY_PATH = "shopfleet-test";
    private static String echo;
    private static boolean standInsPushed;

    private TestImages() {
    }

    /** Where service-images/build-images pushes the real services' images: {@code <this>/<service>:<tag>}. */
    public static String shopImagesRegistry() {
        return TestCluster.registry() + "/shopfleet";
    }

    /** The tag of the real services' images: the project's version. */
    public static String shopImagesTag() {
        return System.getProperty("shopfleet.version", "0.1.0-SNAPSHOT");
    }

    /** The echo server (answers 200 on every path of port 8080) by digest. */
    public static synchronized String echo() throws Exception {
        if (echo == null) {
            String target = TestCluster.registry() + "/shopfleet/smoke-echo";
            echo = target + "@" + echoContainer().containerize(to(target + ":latest")).getDigest();
        }
        return echo;
    }

    /**
     * The echo server as every shop service's image and the broker's, in two versions: it answers the health endpoints
     * the operator probes, so a shop of stand-ins becomes Ready. Returns the registry path to put in a shop.
     */
    public static synchronized String standInShopImages() throws Exception {
        String registry = TestCluster.registry() + "/" + STAND_IN_REGISTRY_PATH;
        if (!standInsPushed) {
            for (String image : Stream.concat(Arrays.stream(ShopService.values()).map(ShopService::id), Stream.of("broker")).toList()) {
                echoContainer().containerize(to(registry + "/" + image + ":v1").withAdditionalTag("v2"));
            }
            standInsPushed = true;
        }
        return registry;
    }

    private static JibContainerBuilder echoContainer() throws Exception {
        Path classes = Path.of(EchoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return JavaContainerBuilder.from(RegistryImage.named(TestCluster.baseImage()))
                .addClasses(classes, path -> path.getFileName().toString().startsWith("EchoServer"))
                .setMainClass(EchoServer.class.getName())
                .toContainerBuilder()
                .setUser("65532");
    }

    private static Containerizer to(String reference) throws Exception {
        return Containerizer.to(RegistryImage.named(reference)).setAllowInsecureRegistries(true).setToolName("shopfleet-e2e");
    }
}
