package dev.shopfleet.notifications;

import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.support.DeadLetterTopic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;

/** The order events notifications gives up on: its own dead-letter topic and counter (alert ShopEventsGivenUp). */
@Factory
class DeadLetters {
    @Context
    DeadLetterTopic deadLetters(BeanProvider<ProducerRegistry> producers, MeterRegistry meters) {
        return new DeadLetterTopic(ShopTopic.NOTIFICATIONS_DEAD_LETTERS, ShopMetric.NOTIFICATIONS_DEAD_LETTERED, producers, meters);
    }
}
