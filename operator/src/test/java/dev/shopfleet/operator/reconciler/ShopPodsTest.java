package dev.shopfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.operator.shop.ServiceProblem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the kubelet and the scheduler say of a pod becomes a reason and a message that stay put while the cause does. */
class ShopPodsTest {
    @Test
    void anImageThatCannotBePulledIsNamedTheSameWhileTheKubeletBacksOff() {
        var pulling = ShopPods.problem(waiting("ErrImagePull", "rpc error: ... 12:00:01"));
        var backingOff = ShopPods.problem(waiting("ImagePullBackOff", "Back-off pulling image ... 12:00:31"));
        assertThat(pulling).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo(ServiceProblem.IMAGE_PULL_FAILED);
            assertThat(p.message()).contains("cannot pull image registry.invalid/cart:1");
        });
        assertThat(backingOff).as("no status write per back-off").isEqualTo(pulling);
    }

    @Test
    void aContainerThatCannotStartSaysWhyAndACrashLoopSaysWhereToLook() {
        assertThat(ShopPods.problem(waiting("CreateContainerConfigError", "secret \"creds\" not found")))
                .hasValueSatisfying(p -> assertThat(p.message()).contains("secret \"creds\" not found"));
        assertThat(ShopPods.problem(waiting("CrashLoopBackOff", "back-off 40s restarting")))
                .hasValueSatisfying(p -> assertThat(p.message()).contains("kubectl logs --previous").doesNotContain("40s"));
        assertThat(ShopPods.problem(waiting("ContainerCreating", ""))).as("an ordinary start").isEmpty();
    }

    @Test
    void aPodNoNodeTakesIsUnschedulable() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withLabels(Map.of()).endMetadata()
                .withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/1 nodes are available: 1 Insufficient memory.").endCondition().endStatus().build();
        assertThat(ShopPods.problem(pod)).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo(ServiceProblem.UNSCHEDULABLE);
            assertThat(p.message()).contains("Insufficient memory");
        });
    }

    /** A pod starting as usual tells the status nothing and costs no reconciliation; a pod that fails, or recovers, does. */
    @Test
    void onlyAChangeOfProblemReconcilesTheShop() {
        Pod creating = waiting("ContainerCreating", "");
        Pod running = new PodBuilder(creating).editStatus().editFirstContainerStatus().withNewState().withNewRunning()
                .endRunning().endState().withReady(true).endContainerStatus().endStatus().build();
        Pod crashing = waiting("CrashLoopBackOff", "back-off 10s restarting");
        assertThat(ShopPods.problemChanged(running, creating)).isFalse();
        assertThat(ShopPods.problemChanged(crashing, running)).isTrue();
        assertThat(ShopPods.problemChanged(waiting("CrashLoopBackOff", "back-off 20s restarting"), crashing)).isFalse();
        assertThat(ShopPods.problemChanged(running, crashing)).isTrue();
    }

    private static Pod waiting(String reason, String message) {
        return new PodBuilder().withNewMetadata().withName("cart-1").withLabels(Map.of()).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("cart").withImage("registry.invalid/cart:1")
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .endContainerStatus().endStatus().build();
    }
}
