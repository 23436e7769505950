package dev.shopfleet.operator.reconciler;

import dev.shopfleet.operator.shop.OperatorConfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
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
    LeaderElectionConfiguration leaderElectionConfiguration(OperatorConfig config, KubernetesClient client) {
        Duration lease = config.leaderElection().leaseDuration();
        // JOSDK's identity, made here so that the Lease can be handed back: the pod's name, else a random one.
        String identity = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
                .orElseGet(() -> UUID.randomUUID().toString());
        // Configured, else the client's: in a pod, the pod's own. The Lease handed back is the one JOSDK takes.
        String namespace = config.leaderElection().namespace().orElseGet(client::getNamespace);
        // JOSDK's defaults in proportion (15 s, 10 s, 2 s).
        // JOSDK's own exit on a lost Lease is off: it also ran while the JVM was stopping (SIGTERM -> the operator
        // stops -> the Lease is given up -> System.exit), where it waits forever for the shutdown it is part of, so a
        // pod took its whole grace period to go (JOSDK issue 3376). stoppedLeading exits only outside a shutdown.
        return new LeaderElectionConfiguration(LEASE_NAME, namespace, lease,
                lease.multipliedBy(2).dividedBy(3), lease.dividedBy(15).multipliedBy(2), identity,
                new LeaderCallbacks(() -> { }, () -> stoppedLeading(client, namespace, identity), leader -> { }), false);
    }

    /**
     * A Lease lost while running: exit at once, so that two operators never write at the same time. On a clean stop
     * (JOSDK gives the Lease up after its reconciliations ended): hand the Lease back, so a standby leads within its
     * retry period rather than once the lease lapses. JOSDK 5.2 never does (its releaseOnCancel is fixed to false).
     */
    static void stoppedLeading(KubernetesClient client, String namespace, String identity) {
        if (shuttingDown()) {
            handBack(client, namespace, identity);
            return;
        }
        LOG.error("Lost the Lease " + LEASE_NAME + " (the API server did not take its renewal in time): exiting");
        System.exit(1);
    }

    /** As client-go's ReleaseOnCancel: no holder, if still ours (the update fails if another took it meanwhile). */
    static void handBack(KubernetesClient client, String namespace, String identity) {
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(LEASE_NAME).get();
            if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
            client.resource(lease).update();
            LOG.info("Handed the Lease " + LEASE_NAME + " back");
        } catch (KubernetesClientException e) {
            LOG.warn("Could not hand the Lease " + LEASE_NAME + " back, a standby takes it once it lapses: " + e.getMessage());
        }
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
