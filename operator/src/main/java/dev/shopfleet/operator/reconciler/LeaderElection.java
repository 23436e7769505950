package dev.shopfleet.operator.reconciler;

import dev.shopfleet.operator.shop.OperatorConfig;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

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
        Duration lease = config.leaderElection().leaseDuration();
        // JOSDK's defaults in proportion (15 s, 10 s, 2 s); no namespace: the pod's own
        return new LeaderElectionConfiguration(LEASE_NAME, config.leaderElection().namespace().orElse(null), lease,
                lease.multipliedBy(2).dividedBy(3), lease.dividedBy(15).multipliedBy(2));
    }
}
