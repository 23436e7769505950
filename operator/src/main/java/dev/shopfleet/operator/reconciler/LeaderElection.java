package dev.shopfleet.operator.reconciler;

import dev.shopfleet.operator.shop.OperatorConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Several operator replicas may run; the one holding the Lease reconciles, the others wait to take
 * over. Active in the prod profile (quarkus.operator-sdk.activate-leader-election-for-profiles). In a
 * pod the Lease lives in the operator's namespace; elsewhere, say where.
 */
@ApplicationScoped
public class LeaderElection {
    static final String LEASE_NAME = "shopfleet-operator";
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    @Produces
    @ApplicationScoped
    LeaderElectionConfiguration leaderElectionConfiguration(OperatorConfig config) {
        Duration lease = config.leaderElection().leaseDuration();
        // JOSDK's defaults in proportion (15 s, 10 s, 2 s); no namespace: the pod's own; no identity: the pod's name.
        // JOSDK's own exit on a lost Lease is off: it also ran while the JVM was stopping (SIGTERM -> the operator
        // stops -> the Lease is given up -> System.exit), where it waits forever for the shutdown it is part of, so a
        // pod took its whole grace period to go (JOSDK issue 3376). stoppedLeading exits only outside a shutdown.
        return new LeaderElectionConfiguration(LEASE_NAME, config.leaderElection().namespace().orElse(null), lease,
                lease.multipliedBy(2).dividedBy(3), lease.dividedBy(15).multipliedBy(2), null,
                new LeaderCallbacks(() -> { }, LeaderElection::stoppedLeading, leader -> { }), false);
    }

    /** A Lease lost while running: exit at once, so that two operators never write at the same time. */
    static void stoppedLeading() {
        if (shuttingDown()) {
            return;
        }
        LOG.error("Lost the Lease " + LEASE_NAME + " (the API server did not take its renewal in time): exiting");
        System.exit(1);
    }

    /** Whether the JVM is already stopping (it takes no shutdown hook then). */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException stopping) {
            return true;
        }
    }
}
