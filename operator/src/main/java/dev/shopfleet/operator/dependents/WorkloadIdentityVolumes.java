package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a service proves itself and checks others with: a ServiceAccount token per enabled callee, issued by the
 * cluster for that callee's audience, short-lived and rotated by the kubelet (a projected volume: no API token is
 * mounted); and the issuer's public keys, which the operator copies into the shop's workload-keys ConfigMap.
 */
final class WorkloadIdentityVolumes {
    /** The kubelet renews a token when 80% of this has passed; the API server's minimum is 10 minutes. */
    static final long TOKEN_SECONDS = 3600;
    /** The API server's default (0644), written out: a field it fills in would differ on every resync. */
    private static final int FILE_MODE = 0644;
    private static final String TOKENS = "workload-tokens";
    private static final String KEYS = "workload-keys";

    private WorkloadIdentityVolumes() {
    }

    static List<Volume> volumes(Shop shop, ShopService service) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeProjection> tokens = service.calls().stream().filter(shop::isEnabled)
                .map(callee -> new VolumeProjectionBuilder().withNewServiceAccountToken()
                        .withAudience(ShopContract.workloadAudience(shop.namespace(), shop.name(), callee))
                        .withExpirationSeconds(TOKEN_SECONDS).withPath(callee.id()).endServiceAccountToken().build())
                .toList();
        if (!tokens.isEmpty()) {
            volumes.add(new VolumeBuilder().withName(TOKENS).withNewProjected().withDefaultMode(FILE_MODE).withSources(tokens)
                    .endProjected().build());
        }
        if (shop.capabilities().serviceAccountIssuer().isPresent()) {
            volumes.add(new VolumeBuilder().withName(KEYS).withNewConfigMap().withName(ConfigMapsDependent.workloadKeysName(shop))
                    .withDefaultMode(FILE_MODE).endConfigMap().build());
        }
        return volumes;
    }

    static List<VolumeMount> mounts(Shop shop, ShopService service) {
        return volumes(shop, service).stream().map(volume -> new VolumeMountBuilder().withName(volume.getName())
                .withMountPath(volume.getName().equals(TOKENS) ? ShopContract.WORKLOAD_TOKENS_DIR : ShopContract.WORKLOAD_KEYS_DIR)
                .withReadOnly(true).build()).toList();
    }
}
