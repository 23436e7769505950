package dev.shopfleet.catalog;

import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.support.DeadLetterTopic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;

/** The order events catalog gives up on: its own dead-letter topic and counter (alert ShopSalesEventsGivenUp). */
@Factory
class DeadLetters {
    @Context
    DeadLetterTopic deadLetters(BeanProvider<ProducerRegistry> producers, MeterRegistry meters) {
        return new DeadLetterTopic(ShopTopic.CATALOG_DEAD_LETTERS, ShopMetric.CATALOG_EVENTS_DEAD_LETTERED, producers, meters);
    }
}
