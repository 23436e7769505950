package dev.shopfleet.operator.shop;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Why one service does not run, found out after admission: what only the cluster can tell (a StorageClass that does
 * not exist, an image that cannot be pulled, pods no node takes). {@code reason} is a condition reason.
 */
public record ServiceProblem(String reason, String message) {
    public static final String STORAGE_CLASS_NOT_FOUND = "StorageClassNotFound";
    public static final String IMAGE_PULL_FAILED = "ImagePullFailed";
    public static final String PODS_FAILING = "PodsFailing";
    public static final String UNSCHEDULABLE = "Unschedulable";
    public static final String VOLUME_PENDING = "VolumePending";
    public static final String DEAD_LETTERS = "DeadLetters";

    /** Per service with a managed database, why its volume cannot be provisioned, if the cluster's classes say so. */
    public static Map<ShopService, ServiceProblem> storage(Shop shop) {
        Map<ShopService, ServiceProblem> problems = new LinkedHashMap<>();
        Optional<Capabilities.StorageClasses> classes = shop.capabilities().storageClasses();
        if (classes.isEmpty()) {
            return problems;
        }
        for (ShopService service : shop.databases(DatabaseMode.managed)) {
            String named = shop.database(service).getStorage().getStorageClassName();
            if (named != null && !classes.get().names().contains(named)) {
                problems.put(service, new ServiceProblem(STORAGE_CLASS_NOT_FOUND, "its database's StorageClass " + named
                        + " does not exist (kubectl get storageclass lists those that do)"));
            } else if (named == null && classes.get().defaultClass().isEmpty()) {
                problems.put(service, new ServiceProblem(STORAGE_CLASS_NOT_FOUND, "its database names no StorageClass and "
                        + "the cluster has no default one: set spec.services." + service.id() + ".database.storage.storageClassName"));
            }
        }
        return problems;
    }
}
