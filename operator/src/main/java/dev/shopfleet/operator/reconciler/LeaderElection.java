package dev.shopfleet.operator.reconciler;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Several operator replicas may run; one holds this Lease (in the operator's namespace) and reconciles,
 * the others wait to take over. Active in the prod profile (quarkus.operator-sdk.activate-leader-election-for-profiles).
 */
@ApplicationScoped
public class LeaderElection {
    @Produces
    @ApplicationScoped
    LeaderElectionConfiguration leaderElectionConfiguration() {
        return new LeaderElectionConfiguration("shopfleet-operator");
    }
}
