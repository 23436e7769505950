package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** CRDs of other projects the operator can use, installed and removed with the local cluster's script. */
final class ThirdPartyCrds {
    static final String GATEWAY_API = "gateway-api";
    static final String ISTIO = "istio";

    private ThirdPartyCrds() {
    }

    static void install(String set) throws IOException, InterruptedException {
        run(set, List.of());
    }

    static void remove(String set) throws IOException, InterruptedException {
        run(set, List.of("-d"));
    }

    private static void run(String set, List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(OperatorProcess.REPO.resolve("e2e/cluster/cluster").toString(), "crds"));
        command.addAll(options);
        command.add(set);
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }
}
