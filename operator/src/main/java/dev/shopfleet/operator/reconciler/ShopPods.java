package dev.shopfleet.operator.reconciler;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ServiceProblem;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The shops' pods, watched so a shop's status says at once why a service does not run, in the kubelet's or the
 * scheduler's words: an image that cannot be pulled, a container that cannot be created or keeps crashing, no node.
 * Messages are chosen to stay the same while the cause does, so a waiting pod does not rewrite the status.
 */
final class ShopPods {
    static final String NAME = "shop-pods";
    private static final String BY_SHOP = "shop";

    private ShopPods() {
    }

    static InformerEventSource<Pod, ShopPlatform> eventSource(EventSourceContext<ShopPlatform> context) {
        var configuration = InformerEventSourceConfiguration.from(Pod.class, ShopPlatform.class)
                .withName(NAME)
                .withLabelSelector(Shop.MANAGED_SELECTOR)
                .withItemStore(new PodStore())
                .withSecondaryToPrimaryMapper(pod -> label(pod, Shop.LABEL_SHOP)
                        .map(shop -> Set.of(new ResourceID(shop, pod.getMetadata().getNamespace()))).orElse(Set.of()))
                // Only what changes a pod's problem reconciles its shop: a pod going through its phases (a shop's
                // 15 pods, four or five updates each) would cost a reconciliation apiece and tell the status nothing.
                .withOnAddFilter(pod -> problem(pod).isPresent())
                .withOnUpdateFilter(ShopPods::problemChanged)
                .withOnDeleteFilter((pod, finalStateUnknown) -> problem(pod).isPresent())
                .build();
        var source = new InformerEventSource<>(configuration, context);
        source.addIndexers(Map.of(BY_SHOP, pod -> label(pod, Shop.LABEL_SHOP)
                .map(shop -> List.of(shopKey(pod.getMetadata().getNamespace(), shop))).orElse(List.of())));
        return source;
    }

    /**
     * A shop's pods, from the informer's index by shop. Listing the namespace's instead walked every cached pod of the
     * fleet (a tenth of the operator's CPU in a 300-shop rollout, JFR), and JOSDK's secondary resources are a set that
     * hashes each whole pod.
     */
    static List<Pod> of(ShopPlatform shop, InformerEventSource<Pod, ShopPlatform> pods) {
        return pods.byIndex(BY_SHOP, shopKey(shop.getMetadata().getNamespace(), shop.getMetadata().getName()));
    }

    private static String shopKey(String namespace, String shop) {
        return namespace + "/" + shop;
    }

    /** Of a pod, what the operator reads: its metadata, its volumes (a claim's name) and its status. */
    static final class PodStore extends OwnFieldsStore<Pod> {
        @Override
        protected Pod prune(Pod pod) {
            pod.getMetadata().setManagedFields(null); // the operator never applies a pod
            if (pod.getSpec() != null) {
                pod.setSpec(new PodSpecBuilder().withVolumes(pod.getSpec().getVolumes()).build());
            }
            return pod;
        }
    }

    /** The shop's pods, from the informer's cache. */
    @SuppressWarnings("unchecked")
    private static Stream<Pod> pods(Shop shop, Context<ShopPlatform> context) {
        var source = (InformerEventSource<Pod, ShopPlatform>) context.eventSourceRetriever().getEventSourceFor(Pod.class, NAME);
        return of(shop.resource(), source).stream();
    }

    /** Per service, the first thing wrong with its pods or its database's, if anything is. */
    static Map<ShopService, ServiceProblem> problems(Shop shop, Context<ShopPlatform> context) {
        Map<ShopService, ServiceProblem> problems = new LinkedHashMap<>();
        pods(shop, context)
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .forEach(pod -> service(pod).ifPresent(service -> problem(pod)
                        .map(problem -> explained(pod, problem, context))
                        .ifPresent(problem -> problems.putIfAbsent(service, problem))));
        return problems;
    }

    /** What is wrong with the shop's broker pod, if it has one and anything is. */
    static Optional<ServiceProblem> brokerProblem(Shop shop, Context<ShopPlatform> context) {
        if (!shop.usesBroker()) {
            return Optional.empty();
        }
        return pods(shop, context).filter(ShopPods::isBroker)
                .flatMap(pod -> problem(pod).map(problem -> explained(pod, problem, context)).stream())
                .findFirst();
    }

    private static ServiceProblem explained(Pod pod, ServiceProblem problem, Context<ShopPlatform> context) {
        return problem.reason().equals(ServiceProblem.UNSCHEDULABLE) ? volume(pod, context).orElse(problem) : problem;
    }

    /**
     * A pod no node takes because its volume is not there: what the volume's own events say (a provisioner that
     * fails or never answers). Read only then, so a shop that runs costs no request.
     */
    private static Optional<ServiceProblem> volume(Pod pod, Context<ShopPlatform> context) {
        Optional<String> claim = Optional.ofNullable(pod.getSpec()).stream().flatMap(spec -> spec.getVolumes().stream())
                .filter(v -> v.getPersistentVolumeClaim() != null).map(v -> v.getPersistentVolumeClaim().getClaimName())
                .findFirst();
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        var pvc = context.getClient().persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace())
                .withName(claim.get()).get();
        if (pvc == null || pvc.getStatus() == null || !"Pending".equals(pvc.getStatus().getPhase())) {
            return Optional.empty();
        }
        return context.getClient().v1().events().inNamespace(pod.getMetadata().getNamespace())
                .withField("involvedObject.name", claim.get()).list().getItems().stream()
                .filter(e -> "PersistentVolumeClaim".equals(e.getInvolvedObject().getKind()))
                .max(Comparator.comparing(e -> Optional.ofNullable(e.getLastTimestamp()).orElse("")))
                .map(e -> new ServiceProblem(ServiceProblem.VOLUME_PENDING, (isBroker(pod) ? "its volume " : "its database's volume ")
                        + claim.get() + " is not provisioned (" + e.getReason() + "): " + e.getMessage()));
    }

    static boolean problemChanged(Pod pod, Pod before) {
        return !problem(pod).equals(problem(before));
    }

    static Optional<ServiceProblem> problem(Pod pod) {
        String what = label(pod, Shop.LABEL_COMPONENT).filter(Shop.Component.database.name()::equals).isPresent()
                ? "its database's pod " : "its pod ";
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        Stream<ContainerStatus> containers = Stream.concat(
                Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).stream().flatMap(List::stream),
                Optional.ofNullable(pod.getStatus().getContainerStatuses()).stream().flatMap(List::stream));
        Optional<ServiceProblem> container = containers.map(c -> waiting(c, what)).flatMap(Optional::stream).findFirst();
        if (container.isPresent()) {
            return container;
        }
        return Optional.ofNullable(pod.getStatus().getConditions()).stream().flatMap(List::stream)
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason()))
                .findFirst()
                .map((PodCondition c) -> new ServiceProblem(ServiceProblem.UNSCHEDULABLE,
                        what + "cannot be scheduled: " + c.getMessage()));
    }

    private static Optional<ServiceProblem> waiting(ContainerStatus status, String what) {
        if (status.getState() == null || status.getState().getWaiting() == null) {
            return Optional.empty();
        }
        var waiting = status.getState().getWaiting();
        String reason = Optional.ofNullable(waiting.getReason()).orElse("");
        return Optional.ofNullable(switch (reason) {
            case "ErrImagePull", "ImagePullBackOff" -> new ServiceProblem(ServiceProblem.IMAGE_PULL_FAILED,
                    what + "cannot pull image " + status.getImage() + ": check the image reference and spec.images.pullSecrets");
            case "InvalidImageName" -> new ServiceProblem(ServiceProblem.IMAGE_PULL_FAILED,
                    what + "has an image the runtime cannot parse: " + status.getImage());
            case "CreateContainerConfigError", "CreateContainerError" -> new ServiceProblem(ServiceProblem.PODS_FAILING,
                    what + "cannot start its container (" + reason + "): " + waiting.getMessage());
            case "CrashLoopBackOff" -> new ServiceProblem(ServiceProblem.PODS_FAILING,
                    what + "keeps crashing (CrashLoopBackOff): kubectl logs --previous shows why");
            default -> null;
        });
    }

    private static boolean isBroker(Pod pod) {
        return label(pod, Shop.LABEL_COMPONENT).filter(Shop.Component.broker.name()::equals).isPresent();
    }

    private static Optional<ShopService> service(Pod pod) {
        return label(pod, Shop.LABEL_NAME).map(name -> name.endsWith("-db") ? name.substring(0, name.length() - 3) : name)
                .flatMap(id -> Arrays.stream(ShopService.values()).filter(s -> s.id().equals(id)).findFirst());
    }

    private static Optional<String> label(Pod pod, String key) {
        return Optional.ofNullable(pod.getMetadata().getLabels()).map(labels -> labels.get(key));
    }
}
