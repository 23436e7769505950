package dev.shopfleet.e2e.operator;

import dev.shopfleet.e2e.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** One operator for all the tests in this JVM, installed and started on first use, stopped at exit. */
public final class SharedOperator {
    /** Resync often, so the idle-write test sees several resyncs in a short window. */
    static final Map<String, String> CONFIG = Map.of(
            "quarkus.operator-sdk.controllers.shopplatform.max-reconciliation-interval", "PT10S");
    private static OperatorProcess operator;
    private static int starts;

    private SharedOperator() {
    }

    public static synchronized OperatorProcess get() {
        if (operator == null) {
            try (KubernetesClient client = TestCluster.client()) {
                OperatorProcess.install(client);
                operator = OperatorProcess.start(client, "operator-" + (++starts), CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedOperator::stop));
        }
        return operator;
    }

    /** Stops the shared operator while a test needs the cluster without it; the next {@link #get()} starts one. */
    public static synchronized void release() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    /** Kills the running operator (as a crash would) and starts a new one. */
    public static synchronized OperatorProcess crashAndRestart() {
        get().kill();
        try (KubernetesClient client = TestCluster.client()) {
            operator = OperatorProcess.start(client, "operator-" + (++starts), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return operator;
    }

    // At JVM exit there is no time for a graceful stop: the test runner kills a JVM that lingers, and the
    // operator would outlive it.
    static synchronized void stop() {
        if (operator != null) {
            operator.kill();
        }
    }
}
