package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Makes every service image's AOT cache (JDK 25: classes loaded and linked ahead of time, JEP 483/514/515). The whole
 * shop runs on loopback with the image's own JRE and jar layout, serves a shopper from first page to confirmed order,
 * and each JVM writes its cache as it stops ({@code target/aot/app.aot}, which Jib puts at /app/aot/app.aot). The cache
 * holds only what the JVM checks again at start: the JRE's module image by size, every jar by path, size and time.
 * Then the shop is started twice more, from the caches with {@code -XX:AOTMode=on} (a cache the JVM cannot use fails
 * the build) and without them, and each service's start -> ready is printed side by side.
 * Run by service-images/build-images: AotTraining JAVA_HOME (the image's JRE, unpacked from its base image).
 */
public final class AotTraining {
    /** Jib's file time for every file of an image (the epoch plus a second); the cache compares jars' times. */
    private static final FileTime JIB_FILE_TIME = FileTime.fromMillis(1000);

    public static void main(String[] args) throws Exception {
        Path java = Path.of(args[0], "bin", "java");
        Map<ShopService, String> classpaths = new EnumMap<>(ShopService.class);
        for (ShopService s : LocalShop.SERVICES) {
            classpaths.put(s, imageLayout(s));
            Files.deleteIfExists(cache(s));
            Files.createDirectories(cache(s).getParent());
        }
        train(launcher(java, classpaths, s -> List.of("-XX:AOTCacheOutput=" + cache(s))));
        Map<ShopService, Long> cached = startToReady(launcher(java, classpaths,
                s -> List.of("-XX:AOTCache=" + cache(s), "-XX:AOTMode=on")));
        Map<ShopService, Long> plain = startToReady(launcher(java, classpaths, s -> List.of()));
        System.out.printf("%-14s %10s %12s %10s%n", "service", "cache MiB", "without ms", "with ms");
        for (ShopService s : LocalShop.SERVICES) {
            System.out.printf("%-14s %10.1f %12d %10d%n", s.id(), Files.size(cache(s)) / 1048576.0, plain.get(s), cached.get(s));
        }
        System.exit(0);
    }

    private static ServiceProcess.Launcher launcher(Path java, Map<ShopService, String> classpaths,
                                                    Function<ShopService, List<String>> cacheOptions) {
        return new ServiceProcess.Launcher(java, s -> Stream.of(ServiceProcess.Launcher.JVM_OPTIONS, cacheOptions.apply(s),
                List.of("-cp", classpaths.get(s))).flatMap(List::stream).toList());
    }

    /** A shopper's whole visit, then every service stopped as a pod is (SIGTERM), which writes its cache. */
    private static void train(ServiceProcess.Launcher launcher) {
        try (LocalShop shop = LocalShop.start("aot", "AOT training", Map.of(), launcher)) {
            ShopApi api = new ShopApi(shop);
            api.product("AOT-1", 990, 1000);
            String shopper = api.shopper("aot-" + UUID.randomUUID() + "@shop.test");
            for (String page : List.of("/", "/products/AOT-1", "/api/categories", "/api/products?q=aot")) {
                api.storefront().get(page);
            }
            api.addToCart(shopper, "AOT-1", 2);
            String order = ShopApi.orderId(api.checkout(shopper, ShopApi.VISA));
            Poll.until("the training order confirmed", Duration.ofSeconds(60), () -> "CONFIRMED".equals(
                    ShopApi.status(api.storefront().get("/api/orders/" + order, "Authorization", shopper))));
            api.checkout(api.shopper("aot-declined-" + UUID.randomUUID() + "@shop.test"), ShopApi.DECLINED);
            List<ShopService> callersFirst = new ArrayList<>(LocalShop.SERVICES);
            Collections.reverse(callersFirst);
            for (ShopService s : callersFirst) {
                int exit = shop.get(s).stop();
                if (!Files.exists(cache(s))) {
                    throw new IllegalStateException(s.id() + " stopped with " + exit + " and wrote no AOT cache:\n"
                            + shop.get(s).logTail());
                }
            }
        }
    }

    private static Map<ShopService, Long> startToReady(ServiceProcess.Launcher launcher) {
        Map<ShopService, Long> millis = new EnumMap<>(ShopService.class);
        try (LocalShop shop = LocalShop.start("aot" + UUID.randomUUID().toString().substring(0, 8), "AOT check", Map.of(),
                launcher)) {
            shop.all().forEach(p -> millis.put(p.service(), p.startToReadyMillis()));
        }
        return millis;
    }

    /**
     * The service's jars laid out as Jib lays them in the image (its own jar in classpath/, the runtime libraries in
     * libs/ in the build's order, every file with Jib's time), under target/aot-layout/app; returns that classpath.
     * The JVM accepts the cache for /app/... because the layout below the common directory is the same.
     */
    private static String imageLayout(ShopService service) throws IOException {
        Path module = ServiceProcess.moduleDir(service);
        Path app = module.resolve("target/aot-layout/app");
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> built = Files.list(module.resolve("target"))) {
            String jar = "shopfleet-" + service.id() + "-";
            jars.add(copy(built.filter(p -> p.getFileName().toString().startsWith(jar) && p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(service.id() + " has no jar: package it first")),
                    app.resolve("classpath")));
        }
        for (String lib : Files.readString(module.resolve("target/runtime-classpath.txt")).trim().split(":")) {
            jars.add(copy(Path.of(lib), app.resolve("libs")));
        }
        return String.join(":", jars.stream().map(Path::toString).toList());
    }

    private static Path copy(Path jar, Path dir) {
        try {
            Files.createDirectories(dir);
            Path target = Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(target, JIB_FILE_TIME);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path cache(ShopService service) {
        return ServiceProcess.moduleDir(service).resolve("target/aot/app.aot");
    }
}
