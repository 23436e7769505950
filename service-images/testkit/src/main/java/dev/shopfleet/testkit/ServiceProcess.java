package dev.shopfleet.testkit;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A shop service started the way its image starts it (its main class, its runtime classpath, the contract's
 * environment), as a real process on loopback. The module must have been built (target/classes and
 * target/runtime-classpath.txt, written by the build's process-classes phase).
 */
public final class ServiceProcess implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ShopService service;
    private final String shop;
    private final Process process;
    private final int port;
    private final Path log;
    private final long startToReadyMillis;

    private ServiceProcess(ShopService service, String shop, Process process, int port, Path log, long startToReadyMillis) {
        this.service = service;
        this.shop = shop;
        this.process = process;
        this.port = port;
        this.log = log;
        this.startToReadyMillis = startToReadyMillis;
    }

    /**
     * How a service's JVM is started: which java, and its arguments before the main class (options and classpath).
     * {@link #BUILD} runs the module's build output with the test JVM; the AOT training runs the image's JRE on the
     * image's jar layout.
     */
    public record Launcher(Path java, Function<ShopService, List<String>> jvmArguments) {
        /** The image's options that shape a JVM's work (collector, JIT), with a test-sized heap. */
        public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        public static final Launcher BUILD = new Launcher(Path.of(System.getProperty("java.home"), "bin", "java"),
                s -> Stream.concat(JVM_OPTIONS.stream(), Stream.of("-cp", buildClasspath(s))).toList());

        private static String buildClasspath(ShopService service) {
            Path module = moduleDir(service);
            Path runtime = module.resolve("target/runtime-classpath.txt");
            if (!Files.exists(runtime)) {
                throw new IllegalStateException(service.id() + " is not built: ./mvnw -pl service-images/" + service.id()
                        + " -am package -DskipTests (a build of the whole reactor builds every service before the journeys)");
            }
            try {
                return module.resolve("target/classes") + File.pathSeparator + Files.readString(runtime).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts the service and waits until its readiness endpoint answers 200. */
    public static ServiceProcess start(ShopService service, Map<String, String> env) {
        return start(service, env, PostgresServer.freePort());
    }

    public static ServiceProcess start(ShopService service, Map<String, String> env, int port) {
        return start(service, env, port, Launcher.BUILD);
    }

    public static ServiceProcess start(ShopService service, Map<String, String> env, int port, Launcher launcher) {
        try {
            Path log = Files.createTempFile("shopfleet-" + service.id() + "-", ".log");
            List<String> command = new ArrayList<>();
            command.add(launcher.java().toString());
            command.addAll(launcher.jvmArguments().apply(service));
            command.add(mainClass(service));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(k -> k.startsWith("SHOP_"));
            // Proven identities on loopback as in a pod, unless the test brings its own.
            environment.putAll(WorkloadIssuer.shared().env(shopName(env), service));
            environment.putAll(env);
            environment.put("SHOP_HTTP_PORT", Integer.toString(port));
            long started = System.nanoTime();
            Process process = builder.start();
            ServiceProcess sp = new ServiceProcess(service, shopName(env), process, port, log,
                    awaitReady(service, process, port, log, started));
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return sp;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + service.id() + " with " + launcher.java(), e);
        }
    }

    private static long awaitReady(ShopService service, Process process, int port, Path log, long started) {
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.id() + " exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (status(port, ShopContract.READINESS_PATH) == 200) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            pause(50); // start-up is measured in tens of milliseconds
        }
        process.destroyForcibly();
        throw new IllegalStateException(service.id() + " not ready after " + START_TIMEOUT.toSeconds() + "s:\n" + tail(log));
    }

    public static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String mainClass(ShopService service) {
        return "dev.shopfleet." + service.id() + ".Application";
    }

    /** The service's module in this repository, found from the working directory upwards. */
    public static Path moduleDir(ShopService service) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("service-images").resolve(service.id());
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no service-images/" + service.id() + " above " + Path.of("").toAbsolutePath());
    }

    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The environment variable a caller needs to reach this service. */
    public Map<String, String> urlEnv() {
        return Map.of(ShopContract.urlVariable(service), url());
    }

    public static Map<String, String> merge(List<Map<String, String>> envs) {
        Map<String, String> all = new HashMap<>();
        envs.forEach(all::putAll);
        return all;
    }

    /**
     * A client that calls as one of this service's callers would (the first in the call graph), with that caller's
     * workload token; the storefront, open to shoppers, is called without one.
     */
    public Http http() {
        return service.callers().stream().findFirst().map(this::httpAs).orElseGet(() -> new Http(url()));
    }

    /** A client that calls as {@code caller} of the same shop, with its workload token. */
    public Http httpAs(ShopService caller) {
        return new Http(url(), ShopContract.WORKLOAD_TOKEN_HEADER, WorkloadIssuer.shared().token(shop, caller, service));
    }

    private static String shopName(Map<String, String> env) {
        return env.getOrDefault(ShopContract.ENV_SHOP_NAME, "shop");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ShopService service() {
        return service;
    }

    public int port() {
        return port;
    }

    public long startToReadyMillis() {
        return startToReadyMillis;
    }

    public String logTail() {
        return tail(log);
    }

    /** Everything the process has written so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Dies at once, as a crashed pod would. */
    public void kill() {
        killNow(process);
    }

    /** SIGKILL, and waits until the process is gone. */
    static void killNow(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, as Kubernetes stops a pod: the service shuts down gracefully. Returns the exit code. */
    public int stop() {
        process.destroy();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
