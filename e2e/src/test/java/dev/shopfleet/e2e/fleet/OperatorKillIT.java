package dev.shopfleet.e2e.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.SharedOperator;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator SIGKILLed again and again at moments drawn from a fixed seed while a fleet of shops is created and then
 * changed, each time followed by a new process that must win the Lease first: afterwards every shop is Ready, every
 * object the operator made exists once and is its shop's, no generated password changed and no volume was replaced.
 */
class OperatorKillIT {
    private static final long SEED = 20261130L;
    private static final int SHOPS = 50;
    private static final int KILLS_PER_PHASE = 10;
    private static final Map<String, String> CONFIG = Map.of("shopfleet.leader-election.lease-duration", "PT6S");
    private static KubernetesClient client;
    private static FakeCapacity capacity;
    private static Fleet fleet;
    private static OperatorProcess operator;
    private static int started;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.release();
        OperatorProcess.install(client);
        capacity = FakeCapacity.forPods(client, SHOPS * Fleet.PODS_PER_SHOP);
        fleet = Fleet.namespaces(client, "kill", SHOPS);
    }

    @AfterAll
    static void tearDown() {
        Fleet.tearDown(fleet, operator, capacity, client);
    }

    @Test
    void aFleetComesOutWholeOfTwentyKillsOfItsOperator() throws Exception {
        Random random = new Random(SEED);
        operator = start();
        long start = System.nanoTime();
        fleet.applyShops("v1");
        List<String> kills = killRepeatedly(random, "creating");
        fleet.awaitReady(start, Duration.ofMinutes(15));
        Map<String, String> passwords = generatedPasswords();
        Map<String, String> volumes = volumes();
        // per shop: each database's two roles, the broker's admin and each of its clients
        assertThat(passwords).as("generated credentials").hasSize(SHOPS * (7 * 2 + 1 + ShopTopic.clients().size()));
        assertThat(volumes).as("the databases' and the broker's volumes").hasSize(SHOPS * (7 + 1));

        long change = System.nanoTime();
        fleet.changeTag("v2");
        kills.addAll(killRepeatedly(random, "changing"));
        fleet.awaitReady(change, Duration.ofMinutes(15));
        System.out.printf("seed %d, %d kills: %s%n", SEED, kills.size(), kills);

        FleetIT.assertEveryShopOwnsTheSameObjectsOnce(client, fleet);
        assertThat(generatedPasswords()).as("generated credentials after the kills").isEqualTo(passwords);
        assertThat(volumes()).as("database volumes after the kills (claim -> uid)").isEqualTo(volumes);
    }

    /** Kills the running operator {@value #KILLS_PER_PHASE} times, each 0.5–8 s after the last one led again. */
    private static List<String> killRepeatedly(Random random, String phase) throws Exception {
        List<String> kills = new ArrayList<>();
        for (int i = 0; i < KILLS_PER_PHASE; i++) {
            long afterMillis = 500 + random.nextInt(7_500);
            Thread.sleep(afterMillis); // the kill's moment, drawn from the seed: not a wait for anything
            operator.kill();
            kills.add(phase + " +" + afterMillis + "ms (" + fleet.ready() + " Ready)");
            operator = start();
        }
        return kills;
    }

    private static OperatorProcess start() throws Exception {
        return OperatorProcess.start(client, "kill-operator-" + (++started), CONFIG);
    }

    /** Every generated Secret's password, by namespace/name/key. */
    private static Map<String, String> generatedPasswords() {
        Map<String, String> passwords = new TreeMap<>();
        for (Secret secret : client.secrets().inAnyNamespace().withLabel(Fleet.LABEL_SHOP).list().getItems()) {
            if (fleet.namespaces().contains(secret.getMetadata().getNamespace()) && secret.getData() != null) {
                secret.getData().forEach((key, value) -> {
                    if (key.contains("password")) {
                        passwords.put(secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName() + "/" + key, value);
                    }
                });
            }
        }
        return passwords;
    }

    private static Map<String, String> volumes() {
        return client.persistentVolumeClaims().inAnyNamespace().list().getItems().stream()
                .filter(c -> fleet.namespaces().contains(c.getMetadata().getNamespace()))
                .collect(Collectors.toMap(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(),
                        (PersistentVolumeClaim c) -> c.getMetadata().getUid(), (a, b) -> a, TreeMap::new));
    }
}
