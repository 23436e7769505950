package dev.shopfleet.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.WorkloadIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * schemathesis (from PyPI, see install-schemathesis) against every service's published OpenAPI document, on the
 * whole shop on loopback with PostgreSQL, authenticated as the service's callers are: with the workload token of a
 * service that may call it, as a shopper and as the shop's admin. No answer may be a 5xx, and every refusal (4xx) is
 * problem+json (src/test/resources/fuzz/shop_checks.py). Each finding is kept as a test in its service's module.
 */
class ApiFuzzTest {
    /** Per operation and phase: enough to reach every parameter's edges, few enough for CI. */
    private static final int EXAMPLES = Integer.getInteger("fuzz.examples", 20);
    private static final Path REPORTS = Path.of("target", "fuzz");
    private static LocalShop shop;
    private static Map<String, String> identities;

    @BeforeAll
    static void start() {
        shop = LocalShop.start("fuzz", "Fuzz ${shop}");
        ShopApi api = new ShopApi(shop);
        identities = Map.of("shopper", api.shopper("fuzz@shop.test"), "admin", api.admin());
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @ParameterizedTest
    @EnumSource(ShopService.class)
    void noRequestFailsTheServiceAndEveryRefusalIsAProblem(ShopService service) throws Exception {
        ServiceProcess process = shop.get(service);
        for (var identity : identities.entrySet()) {
            List<String> command = new ArrayList<>(List.of(schemathesis(), "run",
                    process.url() + "/swagger/" + service.id() + "-1.yml", "--url", process.url(),
                    "--checks", "not_a_server_error,refusals_are_problem_json", "--phases", "examples,coverage,fuzzing",
                    "--max-examples", Integer.toString(EXAMPLES), "--seed", "1", "--no-color",
                    "-H", "Authorization: " + identity.getValue()));
            service.callers().stream().findFirst().ifPresent(caller -> command.addAll(List.of("-H",
                    ShopContract.WORKLOAD_TOKEN_HEADER + ": " + WorkloadIssuer.shared().token("fuzz", caller, service))));
            Path report = REPORTS.resolve(service.id() + "-as-" + identity.getKey() + ".txt");
            int exit = run(command, report);
            String output = Files.readString(report);
            System.out.printf("fuzzed %s as %s: %s%n", service.id(), identity.getKey(), summary(output));
            assertThat(exit).as("schemathesis on %s as %s (%s):%n%s", service.id(), identity.getKey(), report, output)
                    .isZero();
        }
    }

    private static int run(List<String> command, Path report) throws IOException, InterruptedException {
        Files.createDirectories(REPORTS);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(report.toFile())
                .directory(REPORTS.toFile());
        builder.environment().put("SCHEMATHESIS_HOOKS", "shop_checks");
        builder.environment().put("PYTHONPATH", Path.of("src", "test", "resources", "fuzz").toAbsolutePath().toString());
        Process st = builder.start();
        st.getOutputStream().close();
        if (!st.waitFor(10, TimeUnit.MINUTES)) {
            st.destroyForcibly();
            throw new AssertionError("schemathesis did not finish in 10 minutes: " + report);
        }
        return st.exitValue();
    }

    private static String summary(String output) {
        return output.lines().filter(l -> l.contains("passed") || l.contains("failed") || l.contains("test cases"))
                .reduce((a, b) -> b).orElse("(no summary)").trim();
    }

    /** The pinned schemathesis, installed on first use; the shop's own checks on its hook path. */
    private static String schemathesis() throws IOException, InterruptedException {
        Process install = new ProcessBuilder("./install-schemathesis").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String path = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(install.waitFor()).as("service-images/journey/install-schemathesis (needs python3 and PyPI)").isZero();
        return path;
    }
}
