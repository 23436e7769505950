package dev.shopfleet.e2e.operator;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as it runs for real, outside the test's JVM: its own process (so it can be killed and
 * restarted), its own identity (the install manifests' ServiceAccount and least-privilege RBAC, so its
 * writes can be told apart in the audit log), leader election on.
 */
public final class OperatorProcess implements AutoCloseable {
    public static final String NAMESPACE = "shopfleet-system";
    public static final String USER = "system:serviceaccount:" + NAMESPACE + ":shopfleet-operator";
    /** The repository: the working directory (a program run from the root) or its parent (tests run in e2e/). */
    public static final Path REPO = Files.isDirectory(Path.of("crds")) ? Path.of("").toAbsolutePath()
            : Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = REPO.resolve("operator/target/quarkus-app/quarkus-run.jar");
    /** One file per running operator process, named by its pid: what ./shopfleet stops if a test JVM died first. */
    public static final Path PIDS = REPO.resolve("e2e/target/operator-pids");

    // One client for every poll: a new HttpClient per request starts threads of its own each time.
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private OperatorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The CRD and the install manifests but the operator's Deployment: the tests run the operator as a
     * process, and an installed one (./shopfleet demo) would hold the Lease, so it is removed.
     */
    public static void install(KubernetesClient client) throws IOException {
        client.apps().deployments().inNamespace(NAMESPACE).withName("shopfleet-operator").delete();
        try (InputStream crd = Files.newInputStream(REPO.resolve("crds/shopplatforms.shopfleet.dev-v1.yml"))) {
            for (HasMetadata item : client.load(crd).items()) {
                client.resource(item).forceConflicts().serverSideApply();
            }
        }
        try (InputStream manifests = Files.newInputStream(REPO.resolve("operator/deploy/operator.yaml"))) {
            for (HasMetadata item : client.load(manifests).items()) {
                if (!(item instanceof Deployment)) {
                    client.resource(item).forceConflicts().serverSideApply();
                }
            }
        }
        Poll.until("the ShopPlatform CRD to be established", Duration.ofSeconds(30), () -> client.apiextensions().v1()
                .customResourceDefinitions().withName("shopplatforms.shopfleet.dev").get().getStatus().getConditions()
                .stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    /** Starts the operator and waits until it is ready; the given configuration overrides the defaults. */
    public static OperatorProcess start(KubernetesClient client, String name, Map<String, String> config) throws IOException {
        return start(client, name, config, NAMESPACE);
    }

    /** The same, as the ServiceAccount of an install in {@code installNamespace} (its Lease there too). */
    public static OperatorProcess start(KubernetesClient client, String name, Map<String, String> config,
            String installNamespace) throws IOException {
        return start(client, name, config, installNamespace, "256m");
    }

    /** The same with a heap of {@code maxHeap} (-Xmx), for a fleet. */
    public static OperatorProcess start(KubernetesClient client, String name, Map<String, String> config,
            String installNamespace, String maxHeap) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build the operator first (./mvnw -pl operator -am package)");
        }
        Path kubeconfig = serviceAccountKubeconfig(client, installNamespace);
        int port = freePort();
        Path log = REPO.resolve("e2e/target/" + name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // As the image runs it (quarkus.jib.jvm-additional-arguments), with the heap the test asks for.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-XX:+UseStringDeduplication",
                "-XX:+ExitOnOutOfMemoryError"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("SHOPFLEET_LEADER_ELECTION_NAMESPACE", installNamespace);
        env.put("SHOPFLEET_IMAGES_REGISTRY", TestImages.shopImagesRegistry());
        env.put("SHOPFLEET_DATABASE_IMAGE", TestCluster.postgresImage());
        OperatorProcess operator = new OperatorProcess(builder.start(), port, log);
        // A test that fails half-way may leave it running: it goes with the test's JVM at the latest.
        Runtime.getRuntime().addShutdownHook(new Thread(operator.process::destroyForcibly));
        Files.createDirectories(PIDS);
        Files.writeString(operator.pidFile(), JAR + "\n");
        Poll.until("operator " + name + " to be ready", Duration.ofMinutes(1), operator::ready, operator::logTail);
        return operator;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("the operator exited:\n" + logTail());
        }
        return get("/q/health/ready").map(r -> r.statusCode() == 200).orElse(false);
    }

    /**
     * Polls until the operator has reconciled {@code rounds} times as often as there are shops: with every shop idle and
     * resynced on the same interval, each of them about {@code rounds} times (its metrics count per controller, not
     * per shop: a fleet's thousand shops would be thousands of series).
     */
    public void awaitResyncs(KubernetesClient client, int rounds, Duration timeout) {
        int shops = client.genericKubernetesResources(Shops.API_VERSION, Shops.KIND).inAnyNamespace().list().getItems().size();
        double before = reconciliations();
        Poll.until(rounds + " resyncs of each of " + shops + " shops", timeout,
                () -> reconciliations() >= before + (double) rounds * shops,
                () -> "reconciliations: " + before + " before, " + reconciliations() + " now\n" + logTail());
    }

    /** How many reconciliations of all shops the operator has finished. */
    public double reconciliations() {
        return reconciliations(get("/q/metrics").map(HttpResponse::body).orElse(""));
    }

    /** The reconciliations counted on an operator's metrics page. */
    public static double reconciliations(String metricsPage) {
        return metric(metricsPage, "operator_sdk_controllers_execution_reconcile_seconds_count");
    }

    private java.util.Optional<HttpResponse<String>> get(String path) {
        try {
            return java.util.Optional.of(HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** CPU time the process has used, user and system, from /proc. */
    public double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ is 100 on Linux
    }

    /** Resident memory of the process in MiB, from /proc. */
    public long residentMiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElseThrow();
    }

    /** The heap in use right after a full collection, in MiB: what the operator's state really holds. */
    public long heapAfterGcMiB() throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        jcmd(jcmd, "GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(jcmd, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(used.group(1)) / 1024;
    }

    private String jcmd(Path jcmd, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    /** The sum of every series of one metric on the operator's metrics page (0 when it has none). */
    public double metric(String name) {
        return metric(get("/q/metrics").map(HttpResponse::body).orElseThrow(), name);
    }

    private static double metric(String metricsPage, String name) {
        return metricsPage.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The lines of the operator's log that match {@code pattern}. */
    public List<String> logLines(Pattern pattern) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> pattern.matcher(l).find()).toList();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The names of every series on the operator's metrics page (what its alerts and dashboard may read). */
    public java.util.Set<String> metricNames() {
        return get("/q/metrics").map(HttpResponse::body).orElseThrow().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process at once, as a node failure would. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Stops the process, gracefully if it stops within 30 s, else at once: it never outlives its test or benchmark. */
    @Override
    public void close() {
        stop();
    }

    /** SIGTERM, as Kubernetes stops a pod; how long the process took to exit (30 s means it had to be killed). */
    public Duration stop() {
        long start = System.nanoTime();
        process.destroy();
        waitForExit();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                Files.deleteIfExists(pidFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path pidFile() {
        return PIDS.resolve(Long.toString(process.pid()));
    }

    // A kubeconfig that authenticates as the operator's ServiceAccount with a short-lived token.
    private static Path serviceAccountKubeconfig(KubernetesClient client, String installNamespace) throws IOException {
        String token = client.serviceAccounts().inNamespace(installNamespace).withName("shopfleet-operator")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(7200L).endSpec().build())
                .getStatus().getToken();
        var config = client.getConfiguration();
        String ca = config.getCaCertData() != null ? config.getCaCertData()
                : java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
        Path file = Files.createTempFile("shopfleet-operator", ".kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s", certificate-authority-data: "%s"}}]
                users: [{name: operator, user: {token: "%s"}}]
                contexts: [{name: c, context: {cluster: c, user: operator}}]
                current-context: c
                """.formatted(config.getMasterUrl(), ca, token));
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
