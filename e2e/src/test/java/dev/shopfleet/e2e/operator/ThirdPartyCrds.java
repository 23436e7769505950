package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CRDs of other projects the operator can use, installed and removed with the local cluster's script; for the
 * Prometheus Operator's, the operator and a Prometheus with them (`cluster monitoring up|down`).
 */
public final class ThirdPartyCrds {
    static final String GATEWAY_API = "gateway-api";
    static final String ISTIO = "istio";
    /** Where `cluster monitoring up` runs Prometheus, and the namespace shops name as their monitoring namespace. */
    public static final String MONITORING_NAMESPACE = "monitoring";
    /** Where `cluster tracing up` runs Jaeger. */
    public static final String TRACING_NAMESPACE = "tracing";

    private ThirdPartyCrds() {
    }

    static void install(String set) throws IOException, InterruptedException {
        cluster("crds", set);
    }

    static void remove(String set) throws IOException, InterruptedException {
        cluster("crds", "-d", set);
    }

    public static void installMonitoring() throws IOException, InterruptedException {
        cluster("monitoring", "up");
    }

    public static void removeMonitoring() throws IOException, InterruptedException {
        cluster("monitoring", "down");
    }

    public static void installTracing() throws IOException, InterruptedException {
        cluster("tracing", "up");
    }

    public static void removeTracing() throws IOException, InterruptedException {
        cluster("tracing", "down");
    }

    private static void cluster(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(OperatorProcess.REPO.resolve("e2e/cluster/cluster").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }
}
