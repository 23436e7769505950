package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.StorageSpec;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;

/**
 * A managed PostgreSQL per service that owns a database. Its volume outlives the StatefulSet under
 * deletionPolicy Retain (the StatefulSet's own PVC retention policy does the work).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class DatabasesDependent extends ShopBulkDependent<StatefulSet> {
    /** A database is ready when its pod accepts connections: then its service may start. */
    public static boolean isReady(StatefulSet database) {
        Integer ready = database.getStatus() == null ? null : database.getStatus().getReadyReplicas();
        return ready != null && ready >= 1;
    }
    static final String DATA_DIR = "/var/lib/postgresql/data";
    /** The database's superuser: only the database's own pod ever has its password. */
    static final String ADMIN_USER = "postgres";
    static final String ENV_SERVICE_USER = "SHOP_SERVICE_DB_USER";
    static final String ENV_SERVICE_PASSWORD = "SHOP_SERVICE_DB_PASSWORD";
    /** Run once at the database's first start, as the superuser, by the official image and the local cluster's. */
    static final String INIT_SCRIPTS_DIR = "/docker-entrypoint-initdb.d";
    static final String INIT_SCRIPT = "10-service-role.sh";
    /**
     * The service's own role: it may log in, owns its database and the public schema (so its migrations can create
     * what they need), and is no superuser (resources/database-init; run again after a crash half-way, it is harmless).
     */
    static final String SERVICE_ROLE_SCRIPT = resource("/database-init/" + INIT_SCRIPT);

    public DatabasesDependent() {
        super(StatefulSet.class);
    }

    /** The shop's StatefulSets: its databases and, when it has one, its broker (one informer for the kind). */
    @Override
    protected List<StatefulSet> desired(Shop shop) {
        List<StatefulSet> desired = new ArrayList<>();
        shop.databases(DatabaseMode.managed).forEach(service -> desired.add(desired(shop, service)));
        if (shop.usesBroker()) {
            desired.add(ShopBroker.statefulSet(shop));
        }
        return desired;
    }

    static StatefulSet desired(Shop shop, ShopService service) {
        String name = shop.databaseName(service);
        StorageSpec storage = shop.database(service).getStorage();
        return new StatefulSetBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, name, shop.labels(service, Shop.Component.database)))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(name)
                .withNewSelector().withMatchLabels(shop.selectorLabels(service, Shop.Component.database)).endSelector()
                .withPersistentVolumeClaimRetentionPolicy(ShopBulkDependent.claimRetention(shop))
                .withNewTemplate()
                .withNewMetadata().withLabels(shop.podLabels(service, Shop.Component.database)).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withNodeSelector(shop.nodeSelector())
                .withTolerations(shop.tolerations())
                .withSecurityContext(ShopBulkDependent.restrictedPod(Shop.DATABASE_UID))
                .addNewContainer()
                .withName("postgres")
                .withImage(shop.postgresImage())
                .withImagePullPolicy(shop.spec().getImages().getPullPolicy().name())
                .addNewPort().withName("postgres").withContainerPort(Shop.DATABASE_PORT).withProtocol("TCP").endPort()
                .addToEnv(ShopBulkDependent.secretEnv("POSTGRES_USER", name, ShopContract.SECRET_ADMIN_USERNAME))
                .addToEnv(ShopBulkDependent.secretEnv("POSTGRES_PASSWORD", name, ShopContract.SECRET_ADMIN_PASSWORD))
                .addToEnv(ShopBulkDependent.secretEnv(ENV_SERVICE_USER, name, ShopContract.SECRET_USERNAME))
                .addToEnv(ShopBulkDependent.secretEnv(ENV_SERVICE_PASSWORD, name, ShopContract.SECRET_PASSWORD))
                .addNewEnv().withName("POSTGRES_DB").withValue(service.id()).endEnv()
                .addNewEnv().withName("PGDATA").withValue(DATA_DIR + "/pgdata").endEnv()
                .withNewResources()
                .addToRequests("cpu", new Quantity("25m"))
                .addToRequests("memory", new Quantity("128Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .withStartupProbe(isReady(2, 90))
                .withReadinessProbe(isReady(5, 3))
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("postgres")).endTcpSocket()
                .withPeriodSeconds(10).withFailureThreshold(6).endLivenessProbe()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("data").withMountPath(DATA_DIR).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName("run").withMountPath("/var/run/postgresql").endVolumeMount()
                .addNewVolumeMount().withName("init").withMountPath(INIT_SCRIPTS_DIR).withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("init").withNewConfigMap().withName(initScriptName(shop)).withDefaultMode(0555)
                .endConfigMap().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("run").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(new PersistentVolumeClaimBuilder()
                        .withNewMetadata().withName("data").withLabels(shop.labels(service, Shop.Component.database))
                        .endMetadata()
                        .withNewSpec()
                        .withAccessModes("ReadWriteOnce")
                        .withStorageClassName(storage.getStorageClassName())
                        .withNewResources().addToRequests("storage", new Quantity(storage.getSize())).endResources()
                        .endSpec()
                        .build())
                .endSpec()
                .build();
    }

    private static String resource(String path) {
        try (var in = DatabasesDependent.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the operator's jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shop-wide ConfigMap with the script that creates each service's role (ConfigMapsDependent writes it). */
    static String initScriptName(Shop shop) {
        return shop.name() + "-database-init";
    }

    private static Probe isReady(int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewExec().withCommand("pg_isready", "-q", "-h", "127.0.0.1", "-p", Integer.toString(Shop.DATABASE_PORT))
                .endExec()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(3)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
