package dev.shopfleet.operator.reconciler;

import dev.shopfleet.operator.shop.OperatorConfig;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Several operator replicas may run; the one holding the Lease reconciles, the others wait to take
 * over. Active in the prod profile (quarkus.operator-sdk.activate-leader-election-for-profiles). In a
 * pod the Lease lives in the operator's namespace; elsewhere, say where.
 */
@ApplicationScoped
public class LeaderElection {
    static final String LEASE_NAME = "shopfleet-operator";

    @Produces
    @ApplicationScoped
    LeaderElectionConfiguration leaderElectionConfiguration(OperatorConfig config) {
        return config.leaderElection().namespace().map(ns -> new LeaderElectionConfiguration(LEASE_NAME, ns))
                .orElseGet(() -> new LeaderElectionConfiguration(LEASE_NAME));
    }
}
