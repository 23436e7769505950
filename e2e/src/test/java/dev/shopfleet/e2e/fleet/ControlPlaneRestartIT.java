package dev.shopfleet.e2e.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.SharedOperator;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local cluster's API server and etcd restarted while the operator reconciles a fleet: the same operator process
 * carries on (it neither exits nor gives up its Lease), every shop becomes Ready, its metrics count the reconciliations
 * that failed and were retried, and its log holds a few warnings, not a flood. Stopped afterwards with SIGTERM, as
 * Kubernetes stops a pod, it exits within seconds.
 */
class ControlPlaneRestartIT {
    private static final int SHOPS = 10;
    /**
     * Longer than the restart takes (about 15 s here): a leader that cannot renew its Lease for two thirds of it
     * steps down and exits, on purpose (it can no longer tell that it alone writes), as with the default 15 s.
     */
    private static final Map<String, String> CONFIG = Map.of("shopfleet.leader-election.lease-duration", "PT60S");
    private static final Pattern WARNINGS = Pattern.compile("^\\S+ \\S+ +(WARN|ERROR) ");
    private static KubernetesClient client;
    private static FakeCapacity capacity;
    private static Fleet fleet;
    private static OperatorProcess operator;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.release();
        OperatorProcess.install(client);
        operator = OperatorProcess.start(client, "restart-operator", CONFIG);
        capacity = FakeCapacity.forPods(client, SHOPS * Fleet.PODS_PER_SHOP);
        fleet = Fleet.namespaces(client, "restart", SHOPS);
    }

    @AfterAll
    static void tearDown() {
        Fleet.tearDown(fleet, operator, capacity, client);
    }

    @Test
    void theOperatorRidesOutARestartOfTheApiServerAndEtcd() throws Exception {
        long start = System.nanoTime();
        fleet.applyShops("v1");
        // First a Lease left by an operator that was killed lapses: up to this one's lease duration.
        Poll.until("the operator to be reconciling the fleet", Duration.ofMinutes(3), () -> operator.reconciliations() > 0);
        long readyAtRestart = fleet.ready();
        Process restart = new ProcessBuilder(OperatorProcess.REPO.resolve("e2e/cluster/cluster").toString(),
                "restart-control-plane").inheritIO().start();
        assertThat(restart.waitFor()).as("e2e/cluster/cluster restart-control-plane's exit code").isZero();

        long readyMillis = fleet.awaitReady(start, Duration.ofMinutes(5));
        List<String> warnings = operator.logLines(WARNINGS);
        double failed = operator.metric("operator_sdk_controllers_execution_reconcile_failure_total");
        System.out.printf("API server and etcd restarted with %d of %d shops Ready; all Ready %.1f s after the apply; "
                + "%.0f failed reconciliations retried; %d warnings and errors logged, the first: %s%n", readyAtRestart,
                SHOPS, readyMillis / 1000.0, failed, warnings.size(), warnings.stream().limit(3).toList());
        assertThat(operator.alive()).as("the operator process that was leading before the restart still runs").isTrue();
        assertThat(warnings).as("the operator's warnings and errors").hasSizeLessThan(10 * SHOPS);

        Duration stopped = operator.stop();
        System.out.printf("SIGTERM -> exit in %.1f s%n", stopped.toMillis() / 1000.0);
        assertThat(stopped).as("SIGTERM -> the operator's exit (a pod's grace period is 30 s)").isLessThan(Duration.ofSeconds(10));
    }
}
