package dev.shopfleet.operator.reconciler;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    LeaderElectionConfiguration leaderElectionConfiguration(
            @ConfigProperty(name = "shopfleet.leader-election.namespace") Optional<String> namespace) {
        return namespace.map(ns -> new LeaderElectionConfiguration(LEASE_NAME, ns))
                .orElseGet(() -> new LeaderElectionConfiguration(LEASE_NAME));
    }
}
