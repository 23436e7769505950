package dev.shopfleet.operator.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShopAppliesTest {
    /** A shop's objects go out side by side: each of these waits until all of them have started. */
    @Test
    void objectsAreAppliedSideBySide() {
        ShopApplies applies = new ShopApplies(4);
        try {
            CountDownLatch allStarted = new CountDownLatch(4);
            List<CompletableFuture<Integer>> writes = IntStream.range(0, 4).mapToObj(i -> applies.apply(() -> {
                allStarted.countDown();
                await(allStarted);
                return i;
            })).toList();
            assertThat(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))).succeedsWithin(10, TimeUnit.SECONDS);
        } finally {
            applies.stop();
        }
    }

    @Test
    void aFailureReachesWhoeverWaitsForTheWork() {
        ShopApplies applies = new ShopApplies(2);
        try {
            CompletableFuture<String> failed = applies.apply(() -> {
                throw new IllegalStateException("refused by the API server");
            });
            assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("refused by the API server");
        } finally {
            applies.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not all started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
