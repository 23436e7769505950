package dev.shopfleet.operator.shop;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads that send a dependent's objects to the API server side by side (JOSDK applies a bulk dependent's objects
 * one after another: a shop's 16 network policies cost 16 round trips in a row). Their number is the most writes the
 * operator has in flight ({@code shopfleet.apply-threads}); the tasks only talk to the API server, so a reconciliation
 * waiting for them cannot starve them.
 */
@ApplicationScoped
public class ShopApplies {
    private final ExecutorService threads;

    @Inject
    ShopApplies(OperatorConfig config) {
        this(config.applyThreads());
    }

    ShopApplies(int applyThreads) {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(applyThreads, task -> {
            Thread thread = new Thread(task, "shop-apply-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code work} on an apply thread. */
    public <T> CompletableFuture<T> apply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, threads);
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
